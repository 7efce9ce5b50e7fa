#!/usr/bin/python3
"""Dumps everything about an exported appendix that a reader or a printer
sees: every sheet's cells (value, type, number format, font, fill,
alignment, border), merged ranges, print titles, page set-up, margins,
header and footer, frozen panes, row heights and column widths.  Two
exports of the same data should dump the same, except the export time
on the cover, which is masked.

  export_dump.py FILE.xlsx                 print the dump
  export_dump.py FILE.xlsx --against DUMP  exit 1 and show the first
                                           differences if they differ
  export_dump.py --cli CLI --out DIR       export the demo data for every
                                           year it has returns for and dump each

SPDX-License-Identifier: GPL-3.0-or-later
"""
import argparse
import datetime
import difflib
import os
import sqlite3
import subprocess
import sys
import tempfile

import openpyxl


def style(c):
    f, a = c.font, c.alignment
    return (c.number_format, f.name, f.sz, f.b, f.i, colour(f.color),
            colour(c.fill.fgColor) if c.fill.fill_type else None,
            a.horizontal, a.vertical, a.wrap_text,
            tuple(getattr(c.border, side).style for side in ("left", "right", "top", "bottom")))


def colour(c):
    """An RGB string, or the theme/index a colour refers to."""
    if c is None:
        return None
    if isinstance(c.rgb, str):
        return c.rgb
    return ("theme", c.theme) if isinstance(c.theme, int) else ("indexed", c.indexed)


def value(c):
    v = c.value
    if isinstance(v, (datetime.datetime, datetime.date)):
        return v.isoformat()
    return v


def dump_sheet(ws, out):
    ps = ws.page_setup
    out.append(f"== {ws.title}")
    out.append(f"page orientation={ps.orientation} paper={ps.paperSize} scale={ps.scale} "
               f"fitToPage={ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None} "
               f"fitToWidth={ps.fitToWidth} fitToHeight={ps.fitToHeight}")
    m = ws.page_margins
    out.append(f"margins l={m.left} r={m.right} t={m.top} b={m.bottom} h={m.header} f={m.footer}")
    out.append(f"header l={ws.oddHeader.left.text!r} c={ws.oddHeader.center.text!r} r={ws.oddHeader.right.text!r}")
    out.append(f"footer l={ws.oddFooter.left.text!r} c={ws.oddFooter.center.text!r} r={ws.oddFooter.right.text!r}")
    out.append(f"print titles rows={ws.print_title_rows} cols={ws.print_title_cols} area={ws.print_area}")
    out.append(f"freeze={ws.freeze_panes}")
    out.append(f"breaks rows={[b.id for b in ws.row_breaks.brk]} cols={[b.id for b in ws.col_breaks.brk]}")
    out.append(f"merged={sorted(str(r) for r in ws.merged_cells.ranges)}")
    out.append("cols=" + ", ".join(f"{k}:{d.width}" for k, d in sorted(ws.column_dimensions.items())
                                   if d.width))
    out.append("rows=" + ", ".join(f"{k}:{d.height}" for k, d in sorted(ws.row_dimensions.items())
                                   if d.height is not None))
    out.append(f"charts={len(ws._charts)}")
    for row in ws.iter_rows():
        for c in row:
            if c.value is None and not c.has_style:
                continue
            v = value(c)
            if ws.title == "Cover" and isinstance(c.value, datetime.datetime) and c.number_format.endswith("hh:mm"):
                v = "<export time>"
            out.append(f"{c.coordinate} {c.data_type} {v!r} {style(c)}")


def dump(path):
    wb = openpyxl.load_workbook(path)
    out = [f"sheets={wb.sheetnames}"]
    for ws in wb.worksheets:
        dump_sheet(ws, out)
    return "\n".join(out) + "\n"


def cli_dumps(cli, outdir):
    """The demo data exported for each demo year; returns {name: dump}."""
    os.makedirs(outdir, exist_ok=True)
    dumps = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "demo.db")
        subprocess.run([cli, "--database", db, "demo"], check=True, capture_output=True)
        con = sqlite3.connect(db)
        years = [f"{y}/{(y + 1) % 100:02d}" for (y,) in con.execute("SELECT DISTINCT year FROM pcn_return ORDER BY 1")]
        con.close()
        for year in years:
            xlsx = os.path.join(outdir, f"demo-{year.replace('/', '-')}.xlsx")
            subprocess.run([cli, "--database", db, "export", "appendix", "--year", year, "--out", xlsx,
                            "--committee", "Primary Care Commissioning Committee", "--meeting-date", "25/11/2021",
                            "--agenda-item", "7.2", "--title", "PCN returns", "--author", "A Analyst",
                            "--lead", "B Director", "--version", "v0.3"], check=True, capture_output=True)
            text = dump(xlsx)
            with open(xlsx[:-5] + ".dump", "w", encoding="utf-8") as f:
                f.write(text)
            dumps[xlsx] = text
    return dumps


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("xlsx", nargs="?")
    ap.add_argument("--against")
    ap.add_argument("--cli")
    ap.add_argument("--out")
    args = ap.parse_args()
    if args.cli:
        for path in cli_dumps(args.cli, args.out):
            print(path[:-5] + ".dump")
        return 0
    text = dump(args.xlsx)
    if not args.against:
        sys.stdout.write(text)
        return 0
    with open(args.against, encoding="utf-8") as f:
        want = f.read()
    if text == want:
        return 0
    sys.stdout.writelines(list(difflib.unified_diff(want.splitlines(True), text.splitlines(True),
                                                    args.against, args.xlsx))[:80])
    return 1


if __name__ == "__main__":
    sys.exit(main())
