#!/usr/bin/python3
"""Prints an exported appendix as LibreOffice would (headless, to PDF) and
measures the paper: pages per sheet, the smallest printed font, words
printed over words, numbers too wide for their column (###), and pages
without the year or the marking.

  export_print.py FILE.xlsx... [--year 2021/22] [--png DIR]

Needs libreoffice-calc(-nogui), poppler-utils, fonts-crosextra-carlito and
fonts-liberation (without Carlito, LibreOffice draws Calibri-sized columns
a third wider and the measures mean nothing).  Each run gets its own
HOME (LibreOffice locks its profile) and a timeout.  Font sizes come from
pdftotext -bbox word boxes, which are about 1.3 x the printed size tall.
SPDX-License-Identifier: GPL-3.0-or-later
"""
import argparse
import html.parser
import os
import subprocess
import sys
import tempfile

BOX_PER_POINT = 1.3


def available():
    """Whether this machine prints as an office PC would: LibreOffice, poppler,
    and fonts metric-compatible with Calibri (the workbook's default, which
    sets the column widths) and Arial (its text)."""
    import shutil
    if not (shutil.which("soffice") and shutil.which("pdftotext") and shutil.which("fc-match")):
        return False

    def family(name):
        return subprocess.run(["fc-match", "-f", "%{family}", name], capture_output=True, text=True).stdout
    return "Carlito" in family("Calibri") and "Liberation Sans" in family("Arial")


def to_pdfs(xlsxs, outdir, timeout=180):
    """Converts every workbook in one LibreOffice run (its start-up is most
    of the time); returns the PDFs' paths in the same order."""
    with tempfile.TemporaryDirectory() as home:
        subprocess.run(["soffice", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", outdir, *xlsxs],
                       check=True, capture_output=True, timeout=timeout, env=dict(os.environ, HOME=home))
    return [os.path.join(outdir, os.path.splitext(os.path.basename(x))[0] + ".pdf") for x in xlsxs]


def to_pdf(xlsx, outdir):
    return to_pdfs([xlsx], outdir)[0]


class Boxes(html.parser.HTMLParser):
    """Pages of (word, xMin, yMin, xMax, yMax) from pdftotext -bbox."""

    def __init__(self):
        super().__init__()
        self.pages, self.word = [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "page":
            self.pages.append([])
        elif tag == "word":
            self.word = [float(a[k]) for k in ("xmin", "ymin", "xmax", "ymax")]

    def handle_data(self, data):
        if self.word is not None:
            self.pages[-1].append((data, *self.word))

    def handle_endtag(self, tag):
        if tag == "word":
            self.word = None


def words(pdf):
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], check=True, capture_output=True, text=True).stdout
    parser = Boxes()
    parser.feed(out)
    return parser.pages


def overlaps(page):
    """Pairs of words whose boxes share more than a quarter of the smaller."""
    found = []
    ordered = sorted(page, key=lambda w: w[2])
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if b[2] >= a[4]:
                break
            w = min(a[3], b[3]) - max(a[1], b[1])
            h = min(a[4], b[4]) - max(a[2], b[2])
            if w > 0 and h > 0:
                smaller = min((a[3] - a[1]) * (a[4] - a[2]), (b[3] - b[1]) * (b[4] - b[2]))
                if w * h > 0.25 * smaller:
                    found.append((a[0], b[0]))
    return found


def measure(pdf, year=None, marking="OFFICIAL"):
    pages = words(pdf)
    sizes = [(w[4] - w[2]) / BOX_PER_POINT for p in pages for w in p]
    report = {"pages": len(pages), "smallest_pt": round(min(sizes), 1) if sizes else None,
              "overprinted": [], "unmarked_pages": [], "pages_without_year": [],
              "hashes": [n for n, p in enumerate(pages, 1) for w in p if w[0].startswith("###")]}
    for n, page in enumerate(pages, 1):
        report["overprinted"] += [(n, a, b) for a, b in overlaps(page)]
        text = {w[0] for w in page}
        if marking not in text:
            report["unmarked_pages"].append(n)
        if year and not any(year in t for t in text):
            report["pages_without_year"].append(n)
    return report


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("xlsx", nargs="+")
    ap.add_argument("--year")
    ap.add_argument("--png")
    args = ap.parse_args()
    outdir = args.png or tempfile.mkdtemp()
    for xlsx, pdf in zip(args.xlsx, to_pdfs([os.path.abspath(x) for x in args.xlsx], outdir)):
        r = measure(pdf, args.year)
        print(f"{xlsx}: {r['pages']} pages, smallest font {r['smallest_pt']} pt, "
              f"{len(r['overprinted'])} words over words, {len(r['unmarked_pages'])} pages unmarked, "
              f"{len(r['pages_without_year'])} pages without the year")
        for o in r["overprinted"][:10]:
            print("  over:", o)
        if args.png:
            stem = os.path.splitext(os.path.basename(xlsx))[0]
            subprocess.run(["pdftoppm", "-png", "-r", "50", pdf, os.path.join(outdir, stem)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
