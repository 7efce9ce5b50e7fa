#!/usr/bin/python3
"""The appendix on paper: the demo commissioner, a 19-PCN and a 42-PCN one
(long names, long notes; made by print_data.py) exported, printed to PDF by
LibreOffice in one run (own HOME, timeout), and the word boxes read back
(pdftotext -bbox): nothing under 8 pt, no words over words, every page
with the year and the OFFICIAL marking.  Skipped (TAP SKIP) where
LibreOffice, poppler or the metric-compatible fonts are missing.
SPDX-License-Identifier: GPL-3.0-or-later
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import export_print  # noqa: E402
import print_data  # noqa: E402

CLI = os.environ.get("PW_CLI", "build/app/pcn-workbook-cli")
YEAR = "2026/27"


def cli(db, *args):
    subprocess.run([CLI, "--database", db, *args], check=True, capture_output=True, timeout=120)


def workbooks(d):
    """(name, xlsx) for each commissioner's appendix."""
    out = []
    for name, n in (("demo", 0), ("committee-19", 19), ("commissioner-42", 42)):
        db = os.path.join(d, name + ".db")
        if n:
            print_data.make(CLI, db, n)
        else:
            cli(db, "demo")
        xlsx = os.path.join(d, name + ".xlsx")
        cli(db, "export", "appendix", "--year", YEAR, "--out", xlsx)
        out.append((name, xlsx))
    return out


def problems(report):
    found = []
    if report["smallest_pt"] is None or report["smallest_pt"] < 7.9:
        found.append(f"text at {report['smallest_pt']} pt")
    if report["overprinted"]:
        found.append(f"words over words: {report['overprinted'][:5]}")
    if report["unmarked_pages"]:
        found.append(f"pages without OFFICIAL: {report['unmarked_pages']}")
    if report["pages_without_year"]:
        found.append(f"pages without {YEAR}: {report['pages_without_year']}")
    return found


def main():
    books = None
    if not export_print.available():
        print("1..0 # SKIP needs LibreOffice, poppler, Carlito and Liberation fonts")
        return 0
    with tempfile.TemporaryDirectory() as d:
        books = workbooks(d)
        print(f"1..{len(books)}")
        pdfs = export_print.to_pdfs([x for _, x in books], d, timeout=300)
        failed = 0
        for number, ((name, _), pdf) in enumerate(zip(books, pdfs), 1):
            report = export_print.measure(pdf, YEAR)
            found = problems(report)
            summary = f"{name}: {report['pages']} pages, smallest {report['smallest_pt']} pt"
            print(f"{'not ok' if found else 'ok'} {number} {summary}")
            for f in found:
                print("# " + f)
            failed += bool(found)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
