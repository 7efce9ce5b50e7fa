#!/usr/bin/python3
"""Past years are reproducible, end to end: an appendix for a past year made
before and after the next profile import has the same cells, bar the export
time.  The workbook is tests/data/workbook-v4.db (written by the version-4
code), upgraded by the CLI: what it held stands for every year up to now.
SPDX-License-Identifier: GPL-3.0-or-later
"""
import csv
import datetime
import io
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pw_tap  # noqa: E402

CLI = os.environ.get("PW_CLI", "build/app/pcn-workbook-cli")
DATA = os.path.join(os.environ.get("TESTS_SRCDIR", "tests"), "data")


def this_year():
    today = datetime.date.today()
    return today.year if today.month >= 4 else today.year - 1


def cells(path):
    """Every sheet's rows of values, leaving out the cover's export time."""
    wb = openpyxl.load_workbook(path)
    return {ws.title: [row for row in ws.iter_rows(values_only=True)
                       if not (ws.title == "Cover" and row and row[0] == "Data exported")]
            for ws in wb.worksheets}


def next_years_profiles():
    """committee-profiles.csv as a later year's import would bring it: list
    sizes up, a practice moved, a PCN in another locality and renamed, a new
    practice and a new PCN."""
    with open(os.path.join(DATA, "committee-profiles.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        r["list_size"] = str(int(r["list_size"]) + 250)
        if r["practice_code"] == "Y70100":
            r["pcn_code"], r["pcn_name"], r["locality"] = "U70000", "Abbeyfield PCN", "North"
        if r["pcn_code"] == "U70001":
            r["locality"], r["pcn_name"] = "East", "Brookvale and Weir PCN"
    rows.append(dict(rows[0], practice_code="Y70009", practice_name="Abbeyfield New Surgery", list_size="4000"))
    rows.append(dict(rows[0], pcn_code="U79999", pcn_name="Newfield PCN", practice_code="Y79999",
                     practice_name="Newfield Surgery", list_size="6000"))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0].keys()), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


class History(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.db = os.path.join(self.dir, "w.db")
        shutil.copy(os.path.join(DATA, "workbook-v4.db"), self.db)

    def tearDown(self):
        self.tmp.cleanup()

    def run_cli(self, *args):
        p = subprocess.run([CLI, "--database", self.db, *args], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stderr, "")
        return p

    def export(self, year, name):
        out = os.path.join(self.dir, name)
        self.run_cli("export", "appendix", "--year", f"{year}/{(year + 1) % 100:02d}", "--out", out,
                     "--committee", "Primary Care Commissioning Committee", "--meeting-date", "25/11/2025")
        return cells(out)

    def profile(self, sheets, code):
        return [r for r in sheets["PCN profiles"] if r[0] == code][0]

    def test_past_years_survive_next_import(self):
        past = sorted({2021, 2025, this_year() - 1})
        before = {y: self.export(y, f"before-{y}.xlsx") for y in past}
        now_before = self.export(this_year(), "now-before.xlsx")

        csv_path = os.path.join(self.dir, "next.csv")
        with open(csv_path, "w", encoding="utf-8", newline="") as f:
            f.write(next_years_profiles())
        p = self.run_cli("import", "profiles", csv_path)
        self.assertIn("1 new PCNs", p.stdout)

        for y in past:
            after = self.export(y, f"after-{y}.xlsx")
            self.assertEqual(list(before[y]), list(after))
            for sheet in before[y]:
                self.assertEqual(before[y][sheet], after[sheet], f"{y}: {sheet}")
        # Not vacuous: the past holds the upgraded figures and funding at a rate.
        self.assertEqual(self.profile(before[2025], "U70000")[2], "North")
        self.assertEqual(self.profile(before[2025], "U70000")[8], 30000)
        self.assertEqual(self.profile(before[2025], "U70001")[1:3], ("Brookvale PCN", "South"))
        funding = [r for r in before[2025]["Funding"] if r[0] == "Abbeyfield PCN"][0]
        self.assertIn(21690.0, funding)                 # 72.3p × 30,000, to the penny
        self.assertFalse([r for r in before[2025]["PCN profiles"] if r[0] == "U79999"])

        # This year shows the import.
        now_after = self.export(this_year(), "now-after.xlsx")
        self.assertNotEqual(now_before["PCN profiles"], now_after["PCN profiles"])
        self.assertEqual(self.profile(now_after, "U70000")[7:9], (5, 30750 + 9387 + 4000))
        self.assertEqual(self.profile(now_after, "U70001")[1:3], ("Brookvale and Weir PCN", "East"))
        self.assertTrue([r for r in now_after["PCN profiles"] if r[0] == "U79999"])

    def test_first_change_of_a_year_keeps_the_last(self):
        """A workbook whose profile was last written last year (dated back here,
        as if it had been): the year's first import keeps it first."""
        os.remove(self.db)
        last = this_year() - 1
        self.run_cli("init")
        self.run_cli("import", "profiles", os.path.join(DATA, "committee-profiles.csv"))
        funding = os.path.join(self.dir, "funding.csv")
        with open(funding, "w", encoding="utf-8", newline="") as f:
            f.write(f"pcn_code,year,stream,amount\nU70000,{last}/{(last + 1) % 100:02d},core,rate:0.723\n")
        self.run_cli("import", "funding", funding)
        con = sqlite3.connect(self.db)
        with con:
            con.execute("UPDATE profile_state SET changed_on = ?", (f"{last}-06-01",))
        con.close()
        before = self.export(last, "before.xlsx")

        csv_path = os.path.join(self.dir, "next.csv")
        with open(csv_path, "w", encoding="utf-8", newline="") as f:
            f.write(next_years_profiles())
        self.run_cli("import", "profiles", csv_path)
        self.assertEqual(before, self.export(last, "after.xlsx"))
        self.assertIn(21690.0, [r for r in before["Funding"] if r[0] == "Abbeyfield PCN"][0])
        self.assertEqual(self.profile(self.export(this_year(), "now.xlsx"), "U70000")[7], 5)


def main():
    """Runs each test and reports it as TAP, so every case is counted."""
    return pw_tap.run(list(unittest.defaultTestLoader.loadTestsFromTestCase(History)))


if __name__ == "__main__":
    sys.exit(main())
