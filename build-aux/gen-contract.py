#!/usr/bin/env python3
# Turns data/reference/contract.csv into a C header holding the SQL that
# writes it into a workbook (used by the schema migration that adds the
# contract tables).  A malformed line fails the build, naming the line.
# SPDX-License-Identifier: GPL-3.0-or-later
import csv
import sys

KINDS = ('des', 'stream', 'role')


def sql(text):
    return "'" + text.replace("'", "''") + "'"


def c_string(text):
    return '"' + text.replace('\\', '\\\\').replace('"', '\\"') + '"'


def rows(path):
    with open(path, newline='', encoding='utf-8') as f:
        lines = [(n, line) for n, line in enumerate(f, 1) if not line.startswith('#')]
    reader = csv.DictReader(line for _, line in lines)
    for (n, _), row in zip(lines[1:], reader):
        first, last = row['first'], row['last']
        if row['kind'] not in KINDS or not row['key'].strip() or not row['source'].strip():
            sys.exit(f'{path}:{n}: needs a kind ({", ".join(KINDS)}), a key and a source')
        if not first.isdigit() or not 2000 <= int(first) <= 2098 or (last and (not last.isdigit() or int(last) < int(first))):
            sys.exit(f'{path}:{n}: first and last must be years (2020 for 2020/21), last not before first')
        yield row['kind'], row['key'], int(first), (int(last) if last else None), row['source']


def main(src, out):
    items, roles = [], []
    for kind, key, first, last, source in rows(src):
        last_sql = 'NULL' if last is None else str(last)
        values = f"({sql(key)}, {first}, {last_sql}, {sql(source)})"
        if kind == 'role':
            roles.append(values)
        else:
            items.append(f"({sql(kind)}, {sql(key)}, {first}, {last_sql}, {sql(source)})")
    statements = [
        'INSERT INTO contract_item (kind, key, first_year, last_year, source) VALUES ' + ', '.join(items) + ';',
        # A shipped role a user already has keeps the first year they gave it.
        'INSERT INTO arrs_role (name, first_year, last_year, source) VALUES ' + ', '.join(roles) +
        ' ON CONFLICT (name) DO UPDATE SET last_year = excluded.last_year, source = excluded.source;',
    ]
    with open(out, 'w', encoding='utf-8') as f:
        f.write('/* Generated from data/reference/contract.csv by build-aux/gen-contract.py: do not edit. */\n')
        f.write('#pragma once\n#define PW_CONTRACT_SEED_SQL \\\n')
        f.write(' \\\n'.join('  ' + c_string(s) for s in statements) + '\n')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
