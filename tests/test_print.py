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


def lines(page):
    """The page's lines of words, top to bottom: [(y, [(word, x)...])]."""
    rows = {}
    for w, x0, y0, _, _ in page:
        rows.setdefault(round(y0 / 3), []).append((w, x0))
    return [(y * 3, sorted(ws, key=lambda a: a[1])) for y, ws in sorted(rows.items())]


def sheet_of(page):
    """The sheet a page prints, from the footer's left: "&A ... Page &P of &N"."""
    footer = lines(page)[-1][1]
    names = [w for w, _ in footer]
    return " ".join(names[:names.index("Page")]) if "Page" in names else None


def headless_pages(pages, sheets=("Plans", "ARRS workforce")):
    """Pages of @sheets holding a row of a PCN table (a line naming a
    "Network N PCN") with no table heading (a line whose first word is
    "PCN", in the first column) above its first such row."""
    found = []
    for n, page in enumerate(pages, 1):
        if sheet_of(page) not in sheets:
            continue
        left = min(x for _, x, _, _, _ in page)
        headed = False
        for _, line in lines(page):
            words = [w for w, _ in line]
            if words[0] == "PCN" and line[0][1] < left + 5:
                headed = True
            elif any(words[i] == "Network" and words[i + 1].isdigit() and words[i + 2] == "PCN"
                     for i in range(len(words) - 2)):
                if not headed:
                    found.append(n)
                break
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
            if name == "commissioner-42":
                missing = headless_pages(export_print.words(pdf))
                if missing:
                    found.append(f"Plans or ARRS pages with table rows but no column headings: {missing}")
            summary = f"{name}: {report['pages']} pages, smallest {report['smallest_pt']} pt"
            print(f"{'not ok' if found else 'ok'} {number} {summary}")
            for f in found:
                print("# " + f)
            failed += bool(found)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
