#!/usr/bin/python3
"""pcn-workbook-cli end to end: real SQLite files, real xlsx files read back
with openpyxl.  Run by meson with PW_CLI pointing at the built program.
SPDX-License-Identifier: GPL-3.0-or-later
"""
import os
import sqlite3
import stat
import subprocess
import sys
import tempfile
import unittest

import openpyxl

CLI = os.environ.get("PW_CLI", "build/app/pcn-workbook-cli")

PROFILES = (
    "pcn_code,pcn_name,locality,practice_code,practice_name,list_size,clinical_director,cd_wte,manager,manager_wte\n"
    "U11111,Alder PCN,North,A11111,Alder Surgery,\"20,000\",Dr One,0.25,Manager One,1\n"
    "U11111,Alder PCN,North,A11112,Brook Practice,20000,,,,\n"
    "U22222,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",South,B22221,Cedar Surgery,8000,Dr Two,0.5,,\n"
    "U33333,Birch PCN,North,C33331,Dale Surgery,12345,,,,\n"
)


def dump(db):
    con = sqlite3.connect(db)
    try:
        return [con.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
                for t in ("locality", "pcn", "practice")]
    finally:
        con.close()


class Cli(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.db = os.path.join(self.dir, "w.db")

    def tearDown(self):
        self.tmp.cleanup()

    def run_cli(self, *args, ok=True):
        p = subprocess.run([CLI, "--database", self.db, *args], capture_output=True, text=True)
        if ok:
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(p.stderr, "")
        else:
            self.assertEqual(p.returncode, 1, p.stdout)
            self.assertTrue(p.stderr.startswith("pcn-workbook-cli: "), p.stderr)
        return p

    def write(self, name, text, mode="w"):
        path = os.path.join(self.dir, name)
        with open(path, mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": ""})) as f:
            f.write(text)
        return path

    def imported(self):
        self.run_cli("init")
        self.run_cli("import", "profiles", self.write("p.csv", PROFILES))

    def test_help(self):
        p = subprocess.run([CLI, "--help"], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0)
        for word in ("init", "import profiles", "list pcns", "export appendix", "--database",
                     "--year", "--meeting-date", "pcn_code,pcn_name,locality"):
            self.assertIn(word, p.stdout)

    def test_unknown_command(self):
        p = self.run_cli("frobnicate", ok=False)
        self.assertIn("--help", p.stderr)

    def test_init_private(self):
        self.run_cli("init")
        self.assertEqual(stat.S_IMODE(os.stat(self.db).st_mode), 0o600)

    def test_needs_existing_database(self):
        p = self.run_cli("list", "pcns", ok=False)
        self.assertIn("init", p.stderr)
        self.assertFalse(os.path.exists(self.db))

    def test_import_and_list(self):
        self.imported()
        out = self.run_cli("list", "pcns").stdout.splitlines()
        self.assertEqual(len(out), 3)
        alder = [l.split("\t") for l in out if l.startswith("U11111")][0]
        self.assertEqual(alder, ["U11111", "Alder PCN", "North", "2", "40,000"])

    def test_reimport_changes_nothing(self):
        self.imported()
        before = dump(self.db)
        p = self.run_cli("import", "profiles", os.path.join(self.dir, "p.csv"))
        self.assertIn("0 new PCNs, 0 PCNs changed, 0 new practices, 0 practices changed", p.stdout)
        self.assertEqual(before, dump(self.db))

    def test_bad_import_changes_nothing(self):
        self.imported()
        before = dump(self.db)
        bad = self.write("bad.csv", PROFILES + "U44444,Elm PCN,East,D44441,Elm Surgery,lots,,,,\n")
        p = self.run_cli("import", "profiles", bad, ok=False)
        self.assertIn("bad.csv: line 6, column 6 (list_size)", p.stderr)
        self.assertEqual(before, dump(self.db))

    def test_refuses_newer_database(self):
        con = sqlite3.connect(self.db)
        con.executescript("PRAGMA application_id = 1346588247; PRAGMA user_version = 999; CREATE TABLE t (x);")
        con.close()
        with open(self.db, "rb") as f:
            before = f.read()
        p = self.run_cli("list", "pcns", ok=False)
        self.assertIn("newer version", p.stderr)
        with open(self.db, "rb") as f:
            self.assertEqual(before, f.read())

    def export(self, out, *extra, ok=True):
        return self.run_cli("export", "appendix", "--year", "21/22", "--out", out,
                            "--committee", "Primary Care Commissioning Committee",
                            "--meeting-date", "25/11/2021", "--agenda-item", "7.2",
                            "--title", "PCN returns 2021/22", "--author", "A Analyst",
                            "--lead", "B Director", "--version", "v0.3", *extra, ok=ok)

    def test_export_reads_back(self):
        self.imported()
        out = os.path.join(self.dir, "appendix.xlsx")
        self.export(out)
        wb = openpyxl.load_workbook(out)
        self.assertEqual(wb.sheetnames, ["Cover", "PCN profiles"])

        cover = {r[0]: r[1] for r in wb["Cover"].iter_rows(min_row=3, values_only=True) if r[0]}
        self.assertEqual(cover["Committee"], "Primary Care Commissioning Committee")
        self.assertEqual(cover["Financial year"], "2021/22")
        self.assertEqual(cover["Agenda item"], "7.2")
        self.assertEqual(cover["Meeting date"].strftime("%d/%m/%Y"), "25/11/2021")
        self.assertIsNotNone(cover["Data exported"])

        ws = wb["PCN profiles"]
        rows = list(ws.iter_rows(values_only=True))
        self.assertEqual(rows[0], ("PCN code", "PCN name", "Locality", "Clinical director", "CD WTE",
                                   "PCN manager", "Manager WTE", "Practices", "Population"))
        # Grouped by locality, then by name; the formula-looking name stays text.
        self.assertEqual([r[0] for r in rows[1:4]], ["U11111", "U33333", "U22222"])
        self.assertEqual(rows[1][4], 0.25)
        self.assertEqual(rows[1][6], 1)
        self.assertIsInstance(rows[1][8], int)
        self.assertEqual(rows[1][8], 40000)
        self.assertIsNone(rows[2][4])          # WTE not given: empty, not 0
        name_cell = ws.cell(row=4, column=2)
        self.assertEqual(name_cell.data_type, "s")
        self.assertEqual(name_cell.value, '=HYPERLINK("http://x","y")')
        self.assertEqual(rows[4][0], "TOTAL")
        self.assertEqual(ws.cell(row=5, column=9).value, "=SUM(I2:I4)")
        self.assertEqual(ws.cell(row=5, column=8).value, "=SUM(H2:H4)")

        for sheet in wb.worksheets:
            self.assertEqual(sheet.page_setup.orientation, "landscape", sheet.title)
            self.assertEqual(int(sheet.page_setup.paperSize), 9, sheet.title)
            self.assertTrue(sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title)
            self.assertEqual(int(sheet.page_setup.fitToHeight), 0, sheet.title)
            self.assertIn("OFFICIAL", sheet.oddHeader.center.text, sheet.title)
            self.assertEqual(sheet.oddFooter.right.text, "Page &P of &N", sheet.title)
        self.assertEqual(ws.print_title_rows, "$1:$1")
        self.assertEqual(ws.freeze_panes, "C2")

    def test_export_cached_totals(self):
        """Readers that do not recalculate show the cached totals."""
        self.imported()
        out = os.path.join(self.dir, "appendix.xlsx")
        self.export(out)
        ws = openpyxl.load_workbook(out, data_only=True)["PCN profiles"]
        self.assertEqual(ws.cell(row=5, column=9).value, 60345)
        self.assertEqual(ws.cell(row=5, column=8).value, 4)
        self.assertEqual(ws.cell(row=5, column=5).value, 0.75)

    def test_export_failure_keeps_old_file(self):
        self.imported()
        out = self.write("appendix.xlsx", b"previous export", mode="wb")
        p = self.run_cli("export", "appendix", "--year", "2021/23", "--out", out, ok=False)
        self.assertIn("2021/22", p.stderr)
        with open(out, "rb") as f:
            self.assertEqual(f.read(), b"previous export")
        # A target that cannot be replaced (a folder) fails and leaves no temporary file.
        folder = os.path.join(self.dir, "folder.xlsx")
        os.mkdir(folder)
        self.export(folder, ok=False)
        self.assertEqual(sorted(os.listdir(self.dir)),
                         sorted(["appendix.xlsx", "folder.xlsx", "p.csv", "w.db", "w.db-shm", "w.db-wal"]
                                if os.path.exists(self.db + "-wal") else ["appendix.xlsx", "folder.xlsx", "p.csv", "w.db"]))

    def test_export_needs_year_and_out(self):
        self.imported()
        p = self.run_cli("export", "appendix", ok=False)
        self.assertIn("--year", p.stderr)

    def test_demo(self):
        self.run_cli("demo")
        out = self.run_cli("list", "pcns").stdout.splitlines()
        self.assertEqual(len(out), 13)
        self.assertEqual(sum(int(l.split("\t")[3]) for l in out), 60)
        self.assertEqual(len({l.split("\t")[2] for l in out}), 4)
        # A second load would duplicate codes: refused, nothing changed.
        before = dump(self.db)
        self.run_cli("demo", ok=False)
        self.assertEqual(before, dump(self.db))


def main():
    """Runs each test and reports it as TAP, so every case is counted."""
    tests = list(unittest.defaultTestLoader.loadTestsFromTestCase(Cli))
    print(f"1..{len(tests)}")
    failed = 0
    for number, test in enumerate(tests, 1):
        result = unittest.TestResult()
        test.run(result)
        ok = result.wasSuccessful()
        failed += not ok
        print(f"{'ok' if ok else 'not ok'} {number} {test.id().split('.')[-1]}")
        for _, trace in result.errors + result.failures:
            print("# " + trace.rstrip().replace("\n", "\n# "))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
