#!/usr/bin/env bash
# Does a change to the export leave the committee paper as it was?  Exports
# the demo (every year it has returns for) and, given one, a national
# workbook with a CLI built before the change and with this tree's, reads
# each back with openpyxl (tests/export_dump.py: every cell's value, type
# and style, merges, row heights, widths, page breaks and set-up; the
# export time on the cover masked) and diffs the dumps.
#
#   tests/bench/compare-exports.sh BEFORE [NATIONAL.db YEAR]
#
# BEFORE is a pcn-workbook-cli binary or a git revision (its tree built in
# a temporary folder).  NATIONAL.db: bench.sh keeps one with
# PW_BENCH_KEEP=FILE build/tests/bench-scale.  Exits 1 on any difference.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/../.."
before=$1 national=${2:-} year=${3:-2022/23}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME=$tmp/data GSETTINGS_BACKEND=memory
[ -d build ] || meson setup build >/dev/null
ninja -C build app/pcn-workbook-cli >/dev/null
if [ ! -x "$before" ]; then
  mkdir "$tmp/src"
  git archive "$before" | tar -x -C "$tmp/src"
  meson setup "$tmp/src/build" "$tmp/src" >/dev/null
  ninja -C "$tmp/src/build" app/pcn-workbook-cli >/dev/null
  before=$tmp/src/build/app/pcn-workbook-cli
fi
after=$PWD/build/app/pcn-workbook-cli
status=0
for side in before after; do
  /usr/bin/python3 tests/export_dump.py --cli "${!side}" --out "$tmp/$side" >/dev/null
done
for dump in "$tmp"/before/*.dump; do
  if diff -q "$dump" "$tmp/after/${dump##*/}" >/dev/null; then
    echo "same: demo ${dump##*/}"
  else
    echo "DIFFERENT: demo ${dump##*/}"; diff "$dump" "$tmp/after/${dump##*/}" | head -20; status=1
  fi
done
if [ -n "$national" ]; then
  for side in before after; do
    "${!side}" --database "$national" export appendix --year "$year" --out "$tmp/$side/national.xlsx" >/dev/null
  done
  /usr/bin/python3 tests/export_dump.py "$tmp/before/national.xlsx" > "$tmp/national.dump"
  if /usr/bin/python3 tests/export_dump.py "$tmp/after/national.xlsx" --against "$tmp/national.dump"; then
    echo "same: ${national##*/} $year"
  else
    echo "DIFFERENT: ${national##*/} $year"; status=1
  fi
fi
exit $status
