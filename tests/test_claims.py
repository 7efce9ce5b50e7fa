#!/usr/bin/python3
"""What README.md says that no other test checked, end to end through
pcn-workbook-cli on real files: the clinical director and manager on a
return form change the PCN's profile only when the form is for the current
financial year; a day's automatic copy that cannot be made is said, and
the command still does its work; a workbook holds at most 64 DES
specifications and 64 funding streams; a practice listed under two PCNs
in a profiles file is refused whole; `backups list` and `backups restore`
put a copy back and keep the workbook as it was; without `--database` the
CLI uses `$XDG_DATA_HOME/pcn-workbook/workbook.db` (0600).  Run by meson with PW_CLI pointing at the
built program.
SPDX-License-Identifier: GPL-3.0-or-later
"""
import datetime
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import unittest

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pw_tap  # noqa: E402
from test_forms import CLI, Forms  # noqa: E402

PROFILES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "committee-profiles.csv")


class Workbook(unittest.TestCase):
    """A workbook file (and an XDG data folder) in a folder of its own,
    removed afterwards."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="pw-claims-")
        self.db = os.path.join(self.dir, "workbook.db")
        self.data = os.path.join(self.dir, "data")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def run_cli(self, *args, env=None):
        return subprocess.run([CLI, "--database", self.db, *args], capture_output=True, text=True, timeout=120,
                              env=env)


def current_year():
    """The financial year that starts in April, as the app counts it."""
    today = datetime.date.today()
    return today.year if today.month >= 4 else today.year - 1


def label(year):
    return f"{year}/{(year + 1) % 100:02d}"


class FormProfile(Forms):
    """Forms' demo workbook and helpers; only the tests below run here."""

    def filled(self, year, code, cells):
        out, _ = self.export(label(year), "--pcn", code)
        path = self.form(out, code)
        wb = openpyxl.load_workbook(path)
        for ref, value in cells.items():
            wb["Profile"][ref] = value
        wb.save(path)
        return path

    def profile(self, db, code):
        con = sqlite3.connect(db)
        try:
            return con.execute("SELECT clinical_director, cd_wte, manager, manager_wte FROM pcn WHERE code = ?",
                               (code,)).fetchone()
        finally:
            con.close()

    # Profile!B6 is the clinical director, B7 their WTE, B8 the manager, B9 theirs.
    CELLS = {"B6": "Dr Newly Named", "B7": 0.75, "B8": "A New Manager", "B9": 1.5}

    def test_current_year_form_changes_the_profile(self):
        code = self.sql("SELECT code FROM pcn ORDER BY code LIMIT 1")[0][0]
        db = self.workbook_copy()
        path = self.filled(current_year(), code, self.CELLS)
        p = self.cli_on(db, "import", "forms", path)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("Profile · Clinical director", p.stdout)
        self.assertEqual(self.profile(db, code), ("Dr Newly Named", 75, "A New Manager", 150))

    def test_past_year_form_leaves_the_profile(self):
        code = self.sql("SELECT code FROM pcn ORDER BY code LIMIT 1")[0][0]
        db = self.workbook_copy()
        before = self.profile(db, code)
        self.assertNotEqual(before[0], "Dr Newly Named")
        path = self.filled(current_year() - 2, code, self.CELLS)
        p = self.cli_on(db, "import", "forms", path)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertNotIn("Profile · Clinical director", p.stdout)
        self.assertEqual(self.profile(db, code), before)


class Achievements(Workbook):
    """README: achievements are added after those already there, and one
    already in the list is not added again, so a file imported twice
    changes nothing."""

    def setUp(self):
        super().setUp()
        self.cli("init")
        self.cli("import", "profiles", PROFILES)

    def cli(self, *args):
        p = self.run_cli(*args)
        self.assertEqual(p.returncode, 0, f"{args}: {p.stderr}")
        return p.stdout

    def achievements(self, *texts):
        path = os.path.join(self.dir, "achievements.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("pcn_code,year,text\n" + "".join(f"U70001,2021/22,{t}\n" for t in texts))
        return self.cli("import", "achievements", path)

    def listed(self):
        con = sqlite3.connect(self.db)
        try:
            return con.execute("SELECT position, text FROM return_item WHERE list = 'A' ORDER BY position").fetchall()
        finally:
            con.close()

    def test_imported_twice_changes_nothing(self):
        self.assertIn("2 rows: 1 new returns, 2 items added", self.achievements("Flu clinics", "Care home rounds"))
        first = self.listed()
        self.assertEqual(first, [(0, "Flu clinics"), (1, "Care home rounds")])
        self.assertIn("2 rows: 0 new returns, 0 items added", self.achievements("Flu clinics", "Care home rounds"))
        self.assertEqual(self.listed(), first)
        self.assertIn("1 items added", self.achievements("Care home rounds", "Social prescribing hub"))
        self.assertEqual(self.listed(), first + [(2, "Social prescribing hub")])


class Backup(Workbook):
    def setUp(self):
        super().setUp()
        # The backups folder cannot be made where a file stands (even for root).
        os.makedirs(os.path.join(self.data, "pcn-workbook"))
        with open(os.path.join(self.data, "pcn-workbook", "backups"), "w", encoding="utf-8") as f:
            f.write("not a folder")

    def cli(self, *args):
        return self.run_cli(*args, env={**os.environ, "XDG_DATA_HOME": self.data})

    def test_failed_daily_copy_is_said(self):
        self.assertEqual(self.cli("init").returncode, 0)       # a new workbook has nothing to copy yet
        p = self.cli("list", "pcns")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("pcn-workbook-cli: today’s backup could not be made: ", p.stderr)
        p = self.cli("roles", "list")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("Clinical pharmacist", p.stdout)


class ContractLimit(Workbook):
    """README: a workbook holds at most 64 specifications and 64 streams
    (shipped and added together); one more is refused with a message and
    nothing is written."""

    def setUp(self):
        super().setUp()
        self.assertEqual(self.cli("init").returncode, 0)

    def cli(self, *args):
        return self.run_cli(*args)

    def count(self, kind):
        con = sqlite3.connect(self.db)
        try:
            return con.execute("SELECT count(*) FROM contract_item WHERE kind = ?", (kind,)).fetchone()[0]
        finally:
            con.close()

    def fill(self, kind, word, refusal):
        listed = [l for l in self.cli("contract", "list").stdout.splitlines() if l.strip()]
        shipped = self.count(kind)
        self.assertGreater(shipped, 0, listed)
        for i in range(64 - shipped):
            p = self.cli("contract", "add", word, f"Local {word} {i + 1}", "2025/26")
            self.assertEqual(p.returncode, 0, f"item {shipped + i + 1}: {p.stderr}")
        self.assertEqual(self.count(kind), 64)
        con = sqlite3.connect(self.db)
        try:
            before = con.execute("SELECT * FROM contract_item ORDER BY kind, key").fetchall()
        finally:
            con.close()
        p = self.cli("contract", "add", word, f"Local {word} 65", "2025/26")
        self.assertEqual(p.returncode, 1)
        self.assertIn(refusal, p.stderr)
        con = sqlite3.connect(self.db)
        try:
            self.assertEqual(con.execute("SELECT * FROM contract_item ORDER BY kind, key").fetchall(), before)
        finally:
            con.close()

    def test_64_specifications(self):
        self.fill("des", "des", "This workbook cannot hold more DES specifications")

    def test_64_streams(self):
        self.fill("stream", "stream", "This workbook cannot hold more funding streams")


class PracticeUnderTwoPcns(Workbook):
    """README (Profiles CSV): any bad row, such as a practice listed under
    two PCNs (its code in either case), stops the import with a message
    naming the file, the line, the column; the workbook is left exactly as
    it was."""

    def setUp(self):
        super().setUp()
        self.cli("init")
        self.cli("import", "profiles", PROFILES)

    def cli(self, *args, status=0):
        p = self.run_cli(*args)
        self.assertEqual(p.returncode, status, f"{args}: {p.stderr}")
        return p

    def dump(self):
        con = sqlite3.connect(self.db)
        try:
            return {t: con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                    for t in ("locality", "pcn", "practice", "practice_year", "pcn_year", "change_log")}
        finally:
            con.close()

    def test_refused_whole(self):
        before = self.dump()
        path = os.path.join(self.dir, "two.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("pcn_code,pcn_name,locality,practice_code,practice_name,list_size\n"
                    "U70000,Abbeyfield PCN,North,Y70000,Abbeyfield Practice 1,9500\n"
                    "U70001,Brookvale PCN,South,y70000,Abbeyfield Practice 1,\"9,500\"\n")
        p = self.cli("import", "profiles", path, status=1)
        self.assertIn("two.csv: line 3, column 4 (practice_code): practice Y70000 is already listed on line 2 "
                      "(under PCN U70000); a practice belongs to one PCN", p.stderr)
        self.assertEqual(self.dump(), before)


class BackupsCommands(Workbook):
    """README: `backups list` shows the automatic daily copies, newest
    first, and `backups restore N` (or a file's path) puts one back,
    keeping the workbook as it was as `…-before-restore.db`; a copy that
    is not a sound workbook is refused and the workbook left as it was."""

    def setUp(self):
        super().setUp()
        self.cli("init")
        # This open makes today's copy, of the empty workbook, before the import.
        self.cli("import", "profiles", PROFILES)

    def cli(self, *args, status=0):
        p = self.run_cli(*args, env={**os.environ, "XDG_DATA_HOME": self.data})
        self.assertEqual(p.returncode, status, f"{args}: {p.stderr}")
        return p

    def pcns(self):
        return len(self.cli("list", "pcns").stdout.splitlines())

    def listed(self):
        return [l.split("\t") for l in self.cli("backups", "list").stdout.splitlines()]

    def test_list_and_restore(self):
        today = datetime.date.today()
        copies = self.listed()
        self.assertEqual(len(copies), 1, copies)
        n, date, _, path = copies[0]
        self.assertEqual((n, date), ("1", today.strftime("%d/%m/%Y")))
        folder = os.path.dirname(path)
        self.assertEqual(os.path.dirname(folder), os.path.join(self.data, "pcn-workbook", "backups"))
        self.assertTrue(os.path.basename(folder).startswith("workbook-"))
        self.assertEqual(os.path.basename(path), today.isoformat() + ".db")
        old = os.path.join(folder, "2020-01-06.db")
        shutil.copyfile(path, old)
        self.assertEqual([c[3] for c in self.listed()], [path, old])          # newest first

        bad = os.path.join(self.dir, "bad.db")
        with open(bad, "wb") as f:
            f.write(b"SQLite format 3\0" + b"x" * 4000)
        with open(self.db, "rb") as f:
            before = f.read()
        p = self.cli("backups", "restore", bad, status=1)
        self.assertIn("bad.db", p.stderr)
        with open(self.db, "rb") as f:
            self.assertEqual(f.read(), before)
        self.assertIn("There is no backup number 3", self.cli("backups", "restore", "3", status=1).stderr)
        # Nor the workbook itself, however its path is written; nothing is kept aside for it.
        for same in (self.db, os.path.join(os.path.dirname(self.db), ".", os.path.basename(self.db))):
            p = self.cli("backups", "restore", same, status=1)
            self.assertEqual(p.stderr, "pcn-workbook-cli: A workbook cannot be restored from itself\n")
        with open(self.db, "rb") as f:
            self.assertEqual(f.read(), before)
        self.assertEqual(len(self.listed()), 2)
        self.assertEqual(self.pcns(), 19)

        p = self.cli("backups", "restore", "1")
        self.assertIn("Restored", p.stdout)
        self.assertEqual(self.pcns(), 0)                                      # the copy of the empty workbook
        kept = [c[3] for c in self.listed() if c[3].endswith("-before-restore.db")]
        self.assertEqual(len(kept), 1, self.listed())
        self.assertIn(kept[0], p.stdout)
        # Undone the same way, by path, at once: the copy this restore keeps
        # aside gets a name of its own, not the one being restored from.
        p = self.cli("backups", "restore", kept[0])
        self.assertEqual(self.pcns(), 19)
        again = [c[3] for c in self.listed() if "-before-restore" in c[3]]
        self.assertEqual(len(again), 2, self.listed())
        self.assertEqual(len(set(again)), 2)


class DefaultWorkbook(unittest.TestCase):
    """README: without `--database` every command uses the app's own
    workbook, `$XDG_DATA_HOME/pcn-workbook/workbook.db`, created readable by
    you only (mode 0600); `--database` picks another file."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="pw-claims-")
        self.data = os.path.join(self.dir, "data")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def cli(self, *args):
        p = subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120,
                           env={**os.environ, "XDG_DATA_HOME": self.data})
        self.assertEqual(p.returncode, 0, f"{args}: {p.stderr}")
        return p.stdout

    def test_default_and_database(self):
        default = os.path.join(self.data, "pcn-workbook", "workbook.db")
        other = os.path.join(self.dir, "other.db")
        self.cli("init")
        self.assertEqual(stat.S_IMODE(os.stat(default).st_mode), 0o600)
        self.cli("demo")
        self.assertEqual(len(self.cli("list", "pcns").splitlines()), 13)
        self.cli("--database", other, "init")
        self.assertEqual(self.cli("--database", other, "list", "pcns"), "")
        self.assertEqual(len(self.cli("list", "pcns").splitlines()), 13)


def main():
    tests = pw_tap.cases(FormProfile) + [*unittest.defaultTestLoader.loadTestsFromTestCase(Achievements),
                                         *unittest.defaultTestLoader.loadTestsFromTestCase(Backup),
                                         *unittest.defaultTestLoader.loadTestsFromTestCase(ContractLimit),
                                         *unittest.defaultTestLoader.loadTestsFromTestCase(PracticeUnderTwoPcns),
                                         *unittest.defaultTestLoader.loadTestsFromTestCase(BackupsCommands),
                                         *unittest.defaultTestLoader.loadTestsFromTestCase(DefaultWorkbook)]
    # One demo workbook for the form cases, as in test_forms.py.
    return pw_tap.run(tests, FormProfile.setUpClass, FormProfile.tearDownClass)

if __name__ == "__main__":
    sys.exit(main())
