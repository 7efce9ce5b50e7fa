#!/usr/bin/python3
"""Dumps everything about an exported appendix that a reader or a printer
sees: every sheet's cells (value, type, number format, font, fill,
alignment, border, protection), merged ranges, print titles, page set-up,
margins, header and footer, frozen panes, row heights and column widths,
data validations, sheet protection, hidden and active sheets, the
document's title and the charts.  Each distinct cell style is listed once
(S1, S2, ...) and cells name theirs, so a dump reads by eye.  Two exports
of the same data should dump the same, except the export time on the
cover, which is masked (the document's created/modified times are left
out).

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
import xml.etree.ElementTree as ET
import zipfile

import openpyxl


def style(c):
    f, a, p = c.font, c.alignment, c.protection
    return (c.number_format, f.name, f.sz, f.b, f.i, f.u, colour(f.color),
            colour(c.fill.fgColor) if c.fill.fill_type else None,
            a.horizontal, a.vertical, a.wrap_text, a.indent or None,
            tuple((b.style, colour(b.color)) if b.style else None
                  for b in (getattr(c.border, side) for side in ("left", "right", "top", "bottom"))),
            "locked" if p.locked else "unlocked", "hidden" if p.hidden else None)


def colour(c):
    """An RGB string, or the theme/index a colour refers to."""
    if c is None:
        return None
    if isinstance(c.rgb, str):
        return c.rgb
    if isinstance(c.theme, int):
        return ("theme", c.theme)
    return ("indexed", c.indexed) if isinstance(c.indexed, int) else "auto" if c.auto else None


def value(c):
    v = c.value
    if isinstance(v, (datetime.datetime, datetime.date)):
        return v.isoformat()
    return v


def dump_sheet(ws, out, styles, cached):
    ps = ws.page_setup
    out.append(f"== {ws.title}")
    out.append(f"state={ws.sheet_state} gridlines={ws.sheet_view.showGridLines} "
               f"selected={ws.sheet_view.tabSelected} zoom={ws.sheet_view.zoomScale}")
    pr = ws.protection
    out.append(f"protection sheet={pr.sheet} password={pr.password!r} formatColumns={pr.formatColumns} "
               f"formatRows={pr.formatRows} selectLockedCells={pr.selectLockedCells} "
               f"selectUnlockedCells={pr.selectUnlockedCells}")
    for dv in sorted(ws.data_validations.dataValidation, key=lambda d: str(d.sqref)):
        out.append(f"validation {dv.sqref} type={dv.type} op={dv.operator} f1={dv.formula1!r} f2={dv.formula2!r} "
                   f"blank={dv.allow_blank} title={dv.errorTitle!r} error={dv.error!r} "
                   f"prompt={dv.promptTitle!r}:{dv.prompt!r}")
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
    out.append("cols=" + ", ".join(f"{k}:{d.width}" + (" hidden" if d.hidden else "")
                                   for k, d in sorted(ws.column_dimensions.items()) if d.width or d.hidden))
    out.append("rows=" + ", ".join(f"{k}:{d.height}" + (" hidden" if d.hidden else "")
                                   for k, d in sorted(ws.row_dimensions.items())
                                   if d.height is not None or d.hidden))
    for row in ws.iter_rows():
        for c in row:
            if c.value is None and not c.has_style:
                continue
            v = value(c)
            if ws.title == "Cover" and isinstance(c.value, datetime.datetime) and c.number_format.endswith("hh:mm"):
                v = "<export time>"
            key = style(c)
            if key not in styles:
                styles[key] = f"S{len(styles) + 1}"
            extra = f" cached={cached[ws.title][c.coordinate].value!r}" if c.data_type == "f" else ""
            extra += f" comment={c.comment.text!r}" if c.comment else ""
            extra += f" link={c.hyperlink.target!r}" if c.hyperlink else ""
            out.append(f"{c.coordinate} {c.data_type} {v!r} {styles[key]}{extra}")


def charts(path):
    """Each chart's and drawing's XML (where a chart sits), one line per
    element that says something (attributes or text), as its path: openpyxl
    does not read charts back."""
    out = []
    with zipfile.ZipFile(path) as z:
        for name in sorted(n for n in z.namelist() if n.startswith(("xl/charts/chart", "xl/drawings/drawing"))
                           and n.endswith(".xml")):
            out.append(f"== {name}")

            def walk(e, path):
                tag = path + "/" + e.tag.split("}")[-1]
                said = " ".join(f"{k.split('}')[-1]}={v}" for k, v in e.attrib.items())
                text = (e.text or "").strip()
                if said or text:
                    out.append(f"{tag} {said}" + (f" {text!r}" if text else ""))
                for child in e:
                    walk(child, tag)
            walk(ET.fromstring(z.read(name)), "")
    return out


def dump(path):
    wb = openpyxl.load_workbook(path)
    p = wb.properties
    out = [f"sheets={wb.sheetnames} active={wb.active.title if wb.active else None}",
           f"properties title={p.title!r} subject={p.subject!r} creator={p.creator!r} "
           f"keywords={p.keywords!r} description={p.description!r} category={p.category!r}",
           "defined names=" + repr(sorted((d.name, d.localSheetId, d.attr_text) for d in wb.defined_names.definedName))]
    styles = {}
    body = []
    # A formula's value as saved: what a reader that does not recalculate shows.
    cached = openpyxl.load_workbook(path, data_only=True)
    for ws in wb.worksheets:
        dump_sheet(ws, body, styles, cached)
    out += [f"{name} {key}" for key, name in styles.items()]
    return "\n".join(out + body + charts(path)) + "\n"


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
