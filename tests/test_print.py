#!/usr/bin/python3
"""The appendix on paper: the demo commissioner, a 19-PCN and a 42-PCN one
(long names, long notes; made by print_data.py) exported, with the annual
reviews (every demo PCN; one 19-PCN return full of long text), printed
to PDF by LibreOffice in one run (own HOME, timeout), and the word boxes
read back (pdftotext -bbox): nothing under 8 pt, no words over words,
every page with the year and the OFFICIAL marking, and a demo PCN's review
on one page.  Skipped (TAP SKIP) where LibreOffice, poppler or the
metric-compatible fonts are missing.
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
    """(name, xlsx, pages expected or None) for each workbook printed."""
    out = []
    for name, n in (("demo", 0), ("committee-19", 19), ("commissioner-42", 42)):
        db = os.path.join(d, name + ".db")
        if n:
            print_data.make(CLI, db, n)
        else:
            cli(db, "demo")
        xlsx = os.path.join(d, name + ".xlsx")
        cli(db, "export", "appendix", "--year", YEAR, "--out", xlsx)
        out.append((name, xlsx, None))
    demo, committee = os.path.join(d, "demo.db"), os.path.join(d, "committee-19.db")
    cli(demo, "export", "review", "--year", YEAR, "--all", "--out", os.path.join(d, "review-demo.xlsx"))
    cli(committee, "export", "review", "--year", YEAR, "--pcn", "U60003", "--out", os.path.join(d, "review-19.xlsx"))
    out.append(("review-demo", os.path.join(d, "review-demo.xlsx"), 13))    # a page per PCN
    out.append(("review-long", os.path.join(d, "review-19.xlsx"), None))
    return out


def problems(report, pages):
    found = []
    if pages is not None and report["pages"] != pages:
        found.append(f"{report['pages']} pages, not {pages}")
    if report["smallest_pt"] is None or report["smallest_pt"] < 7.9:
        found.append(f"text at {report['smallest_pt']} pt")
    if report["overprinted"]:
        found.append(f"words over words: {report['overprinted'][:5]}")
    if report["hashes"]:
        found.append(f"numbers too wide for their column (###) on pages {sorted(set(report['hashes']))}")
    if report["unmarked_pages"]:
        found.append(f"pages without OFFICIAL: {report['unmarked_pages']}")
    if report["pages_without_year"]:
        found.append(f"pages without {YEAR}: {report['pages_without_year']}")
    return found


def main():
    if not export_print.available():
        print("1..0 # SKIP needs LibreOffice, poppler, Carlito and Liberation fonts")
        return 0
    with tempfile.TemporaryDirectory() as d:
        books = workbooks(d)
        print(f"1..{len(books)}")
        pdfs = export_print.to_pdfs([x for _, x, _ in books], d, timeout=300)
        failed = 0
        for number, ((name, _, pages), pdf) in enumerate(zip(books, pdfs), 1):
            report = export_print.measure(pdf, YEAR)
            found = problems(report, pages)
            summary = f"{name}: {report['pages']} pages, smallest {report['smallest_pt']} pt"
            print(f"{'not ok' if found else 'ok'} {number} {summary}")
            for f in found:
                print("# " + f)
            failed += bool(found)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
