#!/usr/bin/python3
"""Return forms: `export forms` writes one .xlsx per PCN, read back with
openpyxl; the forms keep what identifies them after openpyxl and LibreOffice
save them again.  Run by meson with PW_CLI pointing at the built program.
SPDX-License-Identifier: GPL-3.0-or-later
"""
import datetime
import glob
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
LEVELS = ["Pre-foundation", "Foundation", "Foundation/Step 1", "Step 1", "Step 1/2", "Step 2", "Step 2/3",
          "Step 3", "No score"]
DOMAINS = ["Leadership, planning and partnerships", "Use of data and population health management",
           "Integrating care", "Managing resources", "Working with people and communities"]
SEVEN = ["Structured medication review and medicines optimisation", "Enhanced health in care homes",
         "Anticipatory care", "Personalised care", "Supporting early cancer diagnosis",
         "Cardiovascular disease prevention and diagnosis", "Tackling neighbourhood health inequalities"]
ONE = "Network Contract DES specification with PCN functions"
SHEETS = ["Instructions", "Profile", "Maturity", "Achievements", "SWOT", "Workforce", "Plan", "Form"]


def identity(wb):
    """The hidden sheet's key → value (the first of each key)."""
    out = {}
    for row in wb["Form"].iter_rows(values_only=True):
        if row[0] is not None:
            out.setdefault(row[0], row[1])
    return out


class Forms(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="pw-forms-")
        cls.db = os.path.join(cls.tmp, "workbook.db")
        cls.run_cli("init")
        cls.run_cli("demo")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def run_cli(cls, *args, ok=True):
        p = subprocess.run([CLI, "--database", cls.db, *args], capture_output=True, text=True, timeout=120)
        if ok and p.returncode != 0:
            raise AssertionError(f"{args}: {p.stderr}")
        return p

    def export(self, year, *args, ok=True):
        out = tempfile.mkdtemp(dir=self.tmp)
        p = self.run_cli("export", "forms", "--year", year, "--out", out, *args, ok=ok)
        return out, p

    def form(self, out, code):
        found = glob.glob(os.path.join(out, f"{code} *.xlsx"))
        self.assertEqual(len(found), 1, os.listdir(out))
        return found[0]

    def sql(self, query, *args):
        con = sqlite3.connect(self.db)
        try:
            return con.execute(query, args).fetchall()
        finally:
            con.close()

    def test_one_form_per_pcn_named_by_code(self):
        out, p = self.export("2025/26")
        odd = "U99991"      # test_file_names_are_safe's
        names = sorted(n for n in os.listdir(out) if not n.startswith(odd))
        pcns = self.sql("SELECT code, name FROM pcn WHERE archived_from IS NULL AND code <> ? ORDER BY code", odd)
        self.assertEqual(names, sorted(f"{code} {name} 2025-26 return.xlsx" for code, name in pcns))
        self.assertIn(f"Wrote {len(os.listdir(out))} return forms", p.stdout)

    def test_locality_and_pcn_choose(self):
        locality, count = self.sql("SELECT l.name, count(*) FROM pcn p JOIN locality l ON l.id = p.locality_id "
                                   "GROUP BY l.id ORDER BY l.name LIMIT 1")[0]
        out, _ = self.export("2025/26", "--locality", locality.upper())
        self.assertEqual(len(os.listdir(out)), count)
        code = self.sql("SELECT code FROM pcn ORDER BY code LIMIT 1")[0][0]
        out, _ = self.export("2025/26", "--pcn", code.lower())
        self.assertEqual([n[:6] for n in os.listdir(out)], [code])
        out, p = self.export("2025/26", "--locality", "Nowhere", ok=False)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("No PCN", p.stderr)
        self.assertEqual(os.listdir(out), [])

    def test_out_must_be_a_folder(self):
        path = os.path.join(self.tmp, "a-file")
        with open(path, "w") as f:
            f.write("x")
        p = self.run_cli("export", "forms", "--year", "2025/26", "--out", path, ok=False)
        self.assertNotEqual(p.returncode, 0)
        with open(path) as f:
            self.assertEqual(f.read(), "x")

    def test_layout_protection_and_identity(self):
        out, _ = self.export("2025/26")
        code = self.sql("SELECT code FROM pcn ORDER BY code LIMIT 1")[0][0]
        wb = openpyxl.load_workbook(self.form(out, code))
        self.assertEqual(wb.sheetnames, SHEETS)
        self.assertEqual(wb["Form"].sheet_state, "hidden")
        self.assertEqual({k: v for k, v in identity(wb).items() if k in ("pcn", "year", "version")},
                         {"pcn": code, "year": "2025/26", "version": "1"})
        for name in SHEETS:
            self.assertTrue(wb[name].protection.sheet, name)
            self.assertIsNone(wb[name].protection.password, name)     # protected without a password

        ws = wb["Maturity"]
        self.assertEqual([c.value for c in ws[2]][:4], ["Domain", "Level", "Evidence", "Support needed"])
        self.assertEqual([ws.cell(row=3 + d, column=1).value for d in range(5)], DOMAINS)
        lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
        self.assertEqual(len(lists), 1)
        self.assertEqual(str(lists[0].sqref), "B3:B7")
        self.assertEqual(lists[0].formula1.strip('"').split(","), LEVELS)
        for row in range(3, 8):
            for col in "BCD":
                cell = ws[f"{col}{row}"]
                self.assertFalse(cell.protection.locked, cell.coordinate)
                self.assertEqual(cell.fill.fgColor.rgb, "FFFFF2CC", cell.coordinate)   # shaded
            self.assertTrue(ws[f"A{row}"].protection.locked)

        ws = wb["Achievements"]                          # numbered from 1, every row
        numbers = [ws.cell(row=r, column=1).value for r in range(3, ws.max_row + 1)]
        self.assertEqual(numbers, list(range(1, len(numbers) + 1)))

        ws = wb["Workforce"]
        self.assertEqual([c.value for c in ws[2]][:4], ["Role", "WTE in post", "Headcount", "Planned WTE"])
        ranges = {str(dv.sqref)[0]: (dv.type, dv.formula1, dv.formula2) for dv in ws.data_validations.dataValidation}
        self.assertEqual(ranges["B"][0], "decimal")
        self.assertEqual(ranges["C"], ("whole", "0", "999"))
        self.assertAlmostEqual(float(ranges["D"][2]), 99.99)

    def test_prefilled_with_last_year_beside(self):
        code, ret = self.sql("SELECT p.code, r.id FROM pcn p JOIN pcn_return r ON r.pcn_id = p.id "
                             "WHERE r.year = 2025 ORDER BY p.code LIMIT 1")[0]
        out, _ = self.export("2025/26", "--pcn", code)
        wb = openpyxl.load_workbook(self.form(out, code))
        stored = dict(self.sql("SELECT domain, level FROM maturity WHERE return_id = ?", ret))
        order = ["leadership", "data", "integrating", "resources", "people"]
        names = {-2: "Pre-foundation", 0: "Foundation", 1: "Foundation/Step 1", 2: "Step 1", 3: "Step 1/2",
                 4: "Step 2", 5: "Step 2/3", 6: "Step 3"}
        for d, key in enumerate(order):
            self.assertEqual(wb["Maturity"].cell(row=3 + d, column=2).value, names.get(stored.get(key)), key)
        wte = {name: (w / 100, h, p / 100) for name, w, h, p in self.sql(
            "SELECT ro.name, w.wte, w.headcount, w.planned FROM arrs_wte w JOIN arrs_role ro ON ro.id = w.role_id "
            "WHERE w.return_id = ?", ret)}
        self.assertTrue(wte)
        rows = {r[0]: r[1:4] for r in wb["Workforce"].iter_rows(min_row=3, values_only=True)}
        for name, values in wte.items():
            self.assertEqual(rows[name], values, name)
        self.assertEqual(wb["Profile"]["B3"].value, code)
        self.assertTrue(wb["Profile"]["C6"].value)               # last year's clinical director, for reference
        self.assertTrue(wb["Profile"]["C6"].font.i)

    def test_each_year_asks_its_contract(self):
        code = self.sql("SELECT code FROM pcn ORDER BY code LIMIT 1")[0][0]
        for year, roles_in, roles_out, specs in (
                ("2023/24", [], ["Consultant nurse", "Enhanced practice nurse"], SEVEN),
                ("2024/25", ["Enhanced practice nurse"], ["Consultant nurse", "Healthcare support worker"], [ONE]),
                ("2025/26", ["Consultant nurse", "Healthcare support worker", "New-to-general-practice nurse",
                             "Experienced practice nurse", "Enhanced practice nurse"], [], [ONE])):
            out, _ = self.export(year, "--pcn", code)
            wb = openpyxl.load_workbook(self.form(out, code))
            roles = [r[0] for r in wb["Workforce"].iter_rows(min_row=3, values_only=True)]
            for role in roles_in:
                self.assertIn(role, roles, year)
            for role in roles_out:
                self.assertNotIn(role, roles, year)
            plan = [r[0] for r in wb["Plan"].iter_rows(values_only=True)]
            header = plan.index("DES service specification")
            self.assertEqual(plan[header + 1:header + 1 + len(specs) + 1], specs + [None], year)

    def test_file_names_are_safe(self):
        profiles = os.path.join(self.tmp, "odd.csv")
        with open(profiles, "w", encoding="utf-8") as f:
            f.write("pcn_code,pcn_name,locality,practice_code,practice_name,list_size\n"
                    'U99991,"North/South: ""Q""? <PCN> *|. ",Odd,Q99991,Odd Surgery,1000\n')
        self.run_cli("import", "profiles", profiles)
        out, _ = self.export("2025/26", "--pcn", "U99991")
        self.assertEqual(os.listdir(out), ["U99991 North-South- -Q-- -PCN- -- 2025-26 return.xlsx"])

    def fill_in(self, path):
        """What a PCN manager does in a spreadsheet program, done with openpyxl."""
        wb = openpyxl.load_workbook(path)
        wb["Maturity"]["B3"] = "Step 2/3"
        wb["Maturity"]["C3"] = "Board minutes"
        wb["Workforce"]["B3"] = 1.25
        wb.save(path)

    def test_survives_openpyxl_save(self):
        code = self.sql("SELECT code FROM pcn ORDER BY code LIMIT 1")[0][0]
        out, _ = self.export("2025/26", "--pcn", code)
        path = self.form(out, code)
        self.fill_in(path)
        wb = openpyxl.load_workbook(path)
        self.assertEqual(wb.sheetnames, SHEETS)
        self.assertEqual(wb["Form"].sheet_state, "hidden")
        self.assertEqual(identity(wb)["pcn"], code)
        self.assertEqual(wb["Maturity"]["B3"].value, "Step 2/3")
        self.assertTrue(wb["Maturity"].protection.sheet)

    def test_survives_libreoffice_save(self):
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            self.skipTest("LibreOffice is not installed (libreoffice-calc-nogui)")
        code = self.sql("SELECT code FROM pcn ORDER BY code LIMIT 1")[0][0]
        out, _ = self.export("2025/26", "--pcn", code)
        path = self.form(out, code)
        self.fill_in(path)
        home = tempfile.mkdtemp(dir=self.tmp)       # LibreOffice locks its profile: one per run
        saved = tempfile.mkdtemp(dir=self.tmp)
        subprocess.run([soffice, "--headless", "--norestore", "--convert-to", "xlsx", "--outdir", saved, path],
                       env={**os.environ, "HOME": home}, capture_output=True, timeout=120, check=True)
        wb = openpyxl.load_workbook(os.path.join(saved, os.path.basename(path)))
        self.assertEqual(wb.sheetnames, SHEETS)
        self.assertEqual(wb["Form"].sheet_state, "hidden")
        self.assertEqual({k: v for k, v in identity(wb).items() if k in ("pcn", "year", "version")},
                         {"pcn": code, "year": "2025/26", "version": "1"})
        self.assertEqual(wb["Maturity"]["B3"].value, "Step 2/3")
        self.assertEqual(wb["Workforce"]["B3"].value, 1.25)
        self.assertTrue(wb["Maturity"].protection.sheet)
        self.assertFalse(wb["Maturity"]["B4"].protection.locked)
        self.assertTrue([dv for dv in wb["Maturity"].data_validations.dataValidation if dv.type == "list"])

    def test_contract_years_are_editable(self):
        db = self.workbook_copy()
        listed = self.cli_on(db, "contract", "list").stdout.splitlines()
        capacity = [line.split("\t") for line in listed if line.startswith("stream\tcapacity")][0]
        self.assertEqual(capacity[3:5], ["2023/24", "2025/26"])
        self.assertIn("NHS England", capacity[5])
        self.assertEqual(self.cli_on(db, "contract", "years", "stream", "capacity", "2023/24", "2026/27").returncode, 0)
        listed = self.cli_on(db, "contract", "list").stdout
        self.assertIn("Capacity and Access Payment\t2023/24\t2026/27", listed)
        bad = self.cli_on(db, "contract", "years", "des", "smr", "2024/25", "2020/21")
        self.assertNotEqual(bad.returncode, 0)
        self.assertIn("last year cannot come before the first", bad.stderr)

        code = self.sql("SELECT code FROM pcn ORDER BY code LIMIT 1")[0][0]
        self.assertEqual(self.cli_on(db, "roles", "years", "Consultant nurse", "2025/26", "2025/26").returncode, 0)
        out = tempfile.mkdtemp(dir=self.tmp)
        self.cli_on(db, "export", "forms", "--year", "2026/27", "--out", out, "--pcn", code)
        roles = [r[0] for r in openpyxl.load_workbook(self.form(out, code))["Workforce"].iter_rows(min_row=3, values_only=True)]
        self.assertNotIn("Consultant nurse", roles)
        self.assertIn("Experienced practice nurse", roles)

    def test_contract_add_with_or_without_last_year_and_source(self):
        """`contract add` takes a first year alone, a last year too, or a source as well."""
        db = self.workbook_copy()
        for args in (("stream", "Winter pressures", "2025/26"),
                     ("stream", "Digital support", "2024/25", "2025/26"),
                     ("des", "Frailty", "2026/27", "2027/28", "Local agreement")):
            done = self.cli_on(db, "contract", "add", *args)
            self.assertEqual(done.returncode, 0, done.stderr)
        listed = self.cli_on(db, "contract", "list").stdout
        self.assertIn("Winter pressures\t2025/26", listed)
        self.assertIn("Digital support\t2024/25\t2025/26", listed)
        self.assertIn("Frailty\t2026/27\t2027/28\tLocal agreement", listed)

    # ---------------------------------------------------------------- forms back

    def workbook_copy(self, reopen=None):
        """A copy of the demo workbook; @reopen: a PCN code whose 2025/26 return is set back to draft."""
        path = os.path.join(tempfile.mkdtemp(dir=self.tmp), "copy.db")
        shutil.copy(self.db, path)
        if reopen:
            con = sqlite3.connect(path)
            con.execute("UPDATE pcn_return SET status = 0, reviewed_at = NULL, reviewer = '' WHERE year = 2025 "
                        "AND pcn_id = (SELECT id FROM pcn WHERE code = ?)", (reopen,))
            con.commit()
            con.close()
        return path

    def cli_on(self, db, *args):
        return subprocess.run([CLI, "--database", db, *args], capture_output=True, text=True, timeout=120)

    def filled_form(self, code, **cells):
        """A 2025/26 form for @code, filled in with openpyxl: cells like Maturity_B3="Step 2/3"."""
        out, _ = self.export("2025/26", "--pcn", code)
        path = self.form(out, code)
        wb = openpyxl.load_workbook(path)
        for ref, value in cells.items():
            sheet, cell = ref.split("_")
            wb[sheet][cell] = value
        wb.save(path)
        return path

    FILL = {"Maturity_B3": "Step 2/3", "Maturity_C3": "Board minutes", "Maturity_B4": "Step 1-2",
            "Workforce_B3": 1.25, "Workforce_C3": 2, "Workforce_D3": 1.5,
            "Achievements_B3": "Opened a hub", "SWOT_A3": "Strong team"}

    def assert_filled(self, db, code, source):
        con = sqlite3.connect(db)
        ret, status = con.execute("SELECT r.id, r.status FROM pcn_return r JOIN pcn p ON p.id = r.pcn_id "
                                  "WHERE p.code = ? AND r.year = 2025", (code,)).fetchone()
        levels = dict(con.execute("SELECT domain, level FROM maturity WHERE return_id = ?", (ret,)))
        evidence = con.execute("SELECT evidence FROM maturity WHERE return_id = ? AND domain = 'leadership'",
                               (ret,)).fetchone()[0]
        wte = con.execute("SELECT w.wte, w.headcount, w.planned FROM arrs_wte w JOIN arrs_role ro ON ro.id = w.role_id "
                          "WHERE w.return_id = ? AND ro.name = 'Advanced practitioner'", (ret,)).fetchone()
        items = con.execute("SELECT list, text FROM return_item WHERE return_id = ? ORDER BY list, position",
                            (ret,)).fetchall()
        sources = {r[0] for r in con.execute("SELECT source FROM change_log WHERE return_id = ? AND source <> ''",
                                             (ret,))}
        con.close()
        self.assertEqual(status, 1)                          # submitted
        self.assertEqual((levels["leadership"], levels["data"]), (5, 3))   # Step 2/3, Step 1/2
        self.assertEqual(evidence, "Board minutes")
        self.assertEqual(wte, (125, 2, 150))
        self.assertIn(("A", "Opened a hub"), items)
        self.assertIn(("S", "Strong team"), items)
        self.assertEqual(sources, {f"return form {source}"})

    def test_round_trip_through_openpyxl(self):
        code = "U90001"
        db = self.workbook_copy(reopen=code)
        path = self.filled_form(code, **self.FILL)
        p = self.cli_on(db, "import", "forms", "--year", "2025/26", path)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("Maturity · Leadership, planning and partnerships: level: ", p.stdout)
        self.assert_filled(db, code, os.path.basename(path))
        again = self.cli_on(db, "import", path)             # told by content; nothing left to change
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertIn("0 changes made", again.stdout)

    def test_round_trip_through_libreoffice(self):
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            self.skipTest("LibreOffice is not installed (libreoffice-calc-nogui)")
        code = "U90002"
        db = self.workbook_copy(reopen=code)
        path = self.filled_form(code, **self.FILL)
        home, saved = tempfile.mkdtemp(dir=self.tmp), tempfile.mkdtemp(dir=self.tmp)
        subprocess.run([soffice, "--headless", "--norestore", "--convert-to", "xlsx", "--outdir", saved, path],
                       env={**os.environ, "HOME": home}, capture_output=True, timeout=120, check=True)
        resaved = os.path.join(saved, os.path.basename(path))
        p = self.cli_on(db, "import", "forms", resaved)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assert_filled(db, code, os.path.basename(path))

    def test_dry_run_lists_and_changes_nothing(self):
        code = "U90001"
        db = self.workbook_copy(reopen=code)
        with open(db, "rb") as f:
            before = f.read()
        # a changed list too: lists are replaced whole, which a dry run must not do
        path = self.filled_form(code, Maturity_B3="Step 3", Workforce_B3=0.5, SWOT_A3="Strong team")
        p = self.cli_on(db, "import", "forms", "--dry-run", path)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("3 changes would be made", p.stdout)
        self.assertIn("“Strong team”", p.stdout)
        self.assertIn(": level: Foundation → Step 3", p.stdout)
        self.assertIn("Workforce · Advanced practitioner: (blank) → 0.5 in post", p.stdout)
        with open(db, "rb") as f:
            self.assertEqual(f.read(), before)

    def test_reviewed_return_needs_reopening(self):
        code = "U90003"
        db = self.workbook_copy()
        path = self.filled_form(code, Maturity_B3="Step 3")
        p = self.cli_on(db, "import", "forms", path)
        self.assertEqual(p.returncode, 1)
        self.assertIn("has been reviewed", p.stderr)
        self.assertIn("reopen", p.stderr)
        self.assertEqual(self.sql_on(db, "SELECT count(*) FROM change_log WHERE source <> ''"), 0)

    def sql_on(self, db, query):
        con = sqlite3.connect(db)
        try:
            return con.execute(query).fetchone()[0]
        finally:
            con.close()

    def assert_refused(self, db, path, *fragments, year=None):
        with open(db, "rb") as f:
            before = f.read()
        args = ["import", "forms", path] + (["--year", year] if year else [])
        p = self.cli_on(db, *args)
        self.assertEqual(p.returncode, 1, p.stdout)
        self.assertIn(os.path.basename(path) + ": ", p.stderr)
        for fragment in fragments:
            self.assertIn(fragment, p.stderr)
        self.assertNotIn("Traceback", p.stderr)
        with open(db, "rb") as f:
            self.assertEqual(f.read(), before, "a refused form changed the workbook")

    def test_bad_values_refuse_the_whole_file(self):
        code = "U90001"
        db = self.workbook_copy(reopen=code)
        good = dict(self.FILL)
        self.assert_refused(db, self.filled_form(code, **good, Maturity_B7="Step 7"),
                            'Maturity!B7: “Step 7” is not a level; use Pre-foundation, Foundation')
        self.assert_refused(db, self.filled_form(code, **good, Workforce_B4="1.5"),
                            "Workforce!B4: “1.5” is typed as text")
        self.assert_refused(db, self.filled_form(code, **good, Workforce_B4=100),
                            "Workforce!B4: 100 is not from 0 to 99.99")
        self.assert_refused(db, self.filled_form(code, **good, Workforce_C4=1.5), "Workforce!C4: 1.5 is not a whole")
        self.assert_refused(db, self.filled_form(code, **good, Workforce_B4="=1+1"),
                            "Workforce!B4: a formula with no saved value")
        self.assert_refused(db, self.filled_form(code, **good, Plan_B5="Finished"), "Plan!B5: “Finished” is not on the list")

    def test_bad_files(self):
        code = "U90001"
        db = self.workbook_copy(reopen=code)
        text = os.path.join(self.tmp, "not-a-form.xlsx")
        with open(text, "w") as f:
            f.write("pcn_code,year\nU90001,2025/26\n")
        self.assert_refused(db, text)
        renamed = self.filled_form(code)
        wb = openpyxl.load_workbook(renamed)
        wb["Maturity"].title = "Maturity matrix"
        wb.save(renamed)
        self.assert_refused(db, renamed, "the sheet “Maturity” is missing")
        plain = os.path.join(self.tmp, "plain.xlsx")
        openpyxl.Workbook().save(plain)
        self.assert_refused(db, plain, "not a PCN Workbook return form")
        self.assert_refused(db, self.filled_form(code, **self.FILL), "is for 2025/26, not 2026/27", year="2026/27")
        stranger = self.filled_form(code, **self.FILL)
        wb = openpyxl.load_workbook(stranger)
        wb["Form"]["B2"] = "U99999"
        wb.save(stranger)
        self.assert_refused(db, stranger, "U99999, which is not in this workbook")

    # ------------------------------------------- forms back: each value, each refusal

    @staticmethod
    def this_year():
        """The financial year the app calls current (1 April to 31 March), as 2026 for 2026/27."""
        today = datetime.date.today()
        return today.year if today.month >= 4 else today.year - 1

    def this_year_text(self):
        y = self.this_year()
        return f"{y}/{(y + 1) % 100:02d}"

    def edited_form(self, db, code, year, **cells):
        """A form from @db for @code and @year with @cells set (Sheet_A1=value; None clears the cell)."""
        out = tempfile.mkdtemp(dir=self.tmp)
        p = self.cli_on(db, "export", "forms", "--year", year, "--out", out, "--pcn", code)
        self.assertEqual(p.returncode, 0, p.stderr)
        path = self.form(out, code)
        wb = openpyxl.load_workbook(path)
        for ref, value in cells.items():
            sheet, cell = ref.split("_")
            wb[sheet][cell].value = value
        wb.save(path)
        return path

    def changes(self, db, path, *args):
        """The change lines `import forms` prints for @path (exit status 0 asserted)."""
        p = self.cli_on(db, "import", "forms", *args, path)
        self.assertEqual(p.returncode, 0, p.stderr)
        return [line.strip() for line in p.stdout.splitlines()[1:] if line.strip()]

    def pcn_profile(self, db, code):
        con = sqlite3.connect(db)
        try:
            return con.execute("SELECT clinical_director, cd_wte, manager, manager_wte FROM pcn WHERE code = ?",
                               (code,)).fetchone()
        finally:
            con.close()

    BASELINE = {"Profile_B6": "Dr Alex Morgan", "Profile_B7": 0.25, "Profile_B8": "Sam Whitfield", "Profile_B9": 1,
                "Maturity_B3": "Foundation", "Maturity_B7": "Pre-foundation", "Maturity_C7": None, "Maturity_D7": None,
                "Workforce_B3": None, "Workforce_C3": None, "Workforce_D3": None, "Workforce_B4": None,
                "Workforce_C4": None, "Workforce_D4": None, "Workforce_B7": None, "Workforce_C7": None,
                "Workforce_D7": None, "Workforce_B8": None, "Workforce_C8": None, "Workforce_D8": None,
                "Workforce_B5": 1.56, "Workforce_C5": 2, "Workforce_D5": 2.06,
                "Plan_B5": None, "Plan_C5": None, "Plan_D20": None, "Plan_D21": None}

    def this_years_copy(self, code):
        """A copy of the demo workbook whose return for this year of @code holds BASELINE (imported as a form)."""
        db = self.workbook_copy()
        path = self.edited_form(db, code, self.this_year_text(), **self.BASELINE)
        # The cells named in these tests are where this year's form has them.
        rows = [r[:3] for r in openpyxl.load_workbook(path)["Form"].iter_rows(min_row=5, values_only=True)]
        self.assertEqual([r for r in rows if r[0] != "wte"],
                         [("achievements", "3", "10"), ("swot", "3", "10"), ("des", "5", "pcn_functions"),
                          ("projects", "9", "16"), ("proposals", "20", "27")])
        self.assertEqual([r[1] for r in rows if r[0] == "wte"][:6], ["3", "4", "5", "6", "7", "8"])
        self.assertEqual([i for i, r in enumerate(rows, 5) if r[0] in ("des", "projects")], [31, 32])
        self.changes(db, path)
        return db

    def test_profile_is_taken_from_this_years_form_only(self):
        """The profile is kept as this year's: a form for this year changes it, one for last year does not."""
        code = "U90001"
        db = self.this_years_copy(code)
        con = sqlite3.connect(db)
        con.execute("UPDATE pcn_return SET status = 0 WHERE year = 2025")
        con.commit()
        con.close()
        before = self.pcn_profile(db, code)
        self.assertEqual(before, ("Dr Alex Morgan", 25, "Sam Whitfield", 100))
        past = self.edited_form(db, code, "2025/26", Profile_B6="Dr Jo New", Profile_B7=0.4)
        self.assertFalse([c for c in self.changes(db, past, "--dry-run") if c.startswith("Profile")])
        self.changes(db, past)
        self.assertEqual(self.pcn_profile(db, code), before)

        now = self.edited_form(db, code, self.this_year_text(), Profile_B6="  Dr Jo New ", Profile_B7=0.4,
                               Profile_B8=None, Profile_B9=None)
        self.assertEqual(self.changes(db, now), [
            "Profile · Clinical director: Dr Alex Morgan → Dr Jo New",
            "Profile · PCN manager: Sam Whitfield → (blank)",
            "Profile · Clinical director WTE: 0.25 → 0.4"])
        # a blank WTE keeps what the workbook holds; a blank name clears it
        self.assertEqual(self.pcn_profile(db, code), ("Dr Jo New", 40, "", 100))
        self.assertEqual(self.changes(db, now), [])
        zero = self.edited_form(db, code, self.this_year_text(), Profile_B7=0, Profile_B9=99.99)
        self.assertEqual(self.changes(db, zero), ["Profile · Clinical director WTE: 0.4 → 0.0",
                                                  "Profile · PCN manager WTE: 1.0 → 99.99"])
        self.assertEqual(self.pcn_profile(db, code), ("Dr Jo New", 0, "", 9999))

    def test_change_lines_say_old_and_new(self):
        code = "U90001"
        db = self.this_years_copy(code)
        path = self.edited_form(db, code, self.this_year_text(), Workforce_B3=0, Workforce_C3=1, Workforce_D3=0.5,
                                Workforce_C4=2, Workforce_B5=None, Workforce_C5=None, Workforce_D5=None,
                                Workforce_B7=0, Workforce_D8=0.25, Maturity_B7="No score",
                                Maturity_D7="  Data support ")
        self.assertEqual(self.changes(db, path, "--dry-run"), [
            "Maturity · Working with people and communities: level: Pre-foundation → No score",
            "Maturity · Working with people and communities: support needed: (blank) → Data support",
            "Workforce · Advanced practitioner: (blank) → 0.0 in post, 1 person, 0.5 planned",
            "Workforce · Apprentice physician associate: (blank) → 0.0 in post, 2 people, 0.0 planned",
            "Workforce · Care coordinator: 1.56 in post, 2 people, 2.06 planned → (blank)",
            "Workforce · Consultant nurse: (blank) → 0.0 in post, 0 people, 0.0 planned",
            "Workforce · Dietitian: (blank) → 0.0 in post, 0 people, 0.25 planned"])
        self.changes(db, path)
        con = sqlite3.connect(db)
        wte = dict((r[0], r[1:]) for r in con.execute(
            "SELECT ro.name, w.wte, w.headcount, w.planned FROM arrs_wte w JOIN arrs_role ro ON ro.id = w.role_id "
            "JOIN pcn_return r ON r.id = w.return_id JOIN pcn p ON p.id = r.pcn_id WHERE p.code = ? AND r.year = ?",
            (code, self.this_year())))
        con.close()
        self.assertEqual(wte["Advanced practitioner"], (0, 1, 50))
        self.assertNotIn("Care coordinator", wte)                   # a cleared row removes the role
        self.assertEqual(self.changes(db, path), [])

    def test_plan_round_trip(self):
        """DES status and note, projects and proposals: read, written, and the same form again changes nothing.
        A row with any one field is an entry; the ranges end on their last row."""
        code = "U90001"
        db = self.this_years_copy(code)
        path = self.edited_form(db, code, self.this_year_text(), Plan_B5="delivering", Plan_C5="Hub model",
                                Plan_A9="Frailty hub", Plan_B9="Weekly clinic", Plan_C9="Dr Lee",
                                Plan_D9="31/03/2027", Plan_E9="at risk", Plan_E10="On track", Plan_B11="Detail only",
                                Plan_C12="Lead only", Plan_D13="Spring", Plan_A16="Last",
                                Plan_A20="Care home van", Plan_C20="Sam", Plan_D20=1234.5, Plan_D21=0,
                                Plan_D22=0.01, Plan_B23="Detail only", Plan_A27="Last")
        lines = self.changes(db, path)
        self.assertIn("Plan · Network Contract DES specification with PCN functions: Not started. → Delivering. "
                      "Hub model", lines)
        rest = ("“” (; ; ; On track); “” (Detail only; ; ; Not started); “” (; Lead only; ; Not started); "
                "“” (; ; Spring; Not started); “Last” (; ; ; Not started)")
        projects = "“Frailty hub” (Weekly clinic; Dr Lee; 31/03/2027; At risk); " + rest
        self.assertIn("Plan · Projects: (blank) → " + projects, lines)
        self.assertIn("Plan · Development funding proposals: (blank) → “Care home van” (; Sam; £1,234.50); "
                      "“” (; ; £0.01); “” (Detail only; ; £0.00); “Last” (; ; £0.00)", lines)
        con = sqlite3.connect(db)
        entries = con.execute("SELECT e.kind, e.position, e.status, e.amount, e.title, e.detail, e.lead, e.due "
                              "FROM plan_entry e JOIN pcn_return r ON r.id = e.return_id JOIN pcn p ON p.id = r.pcn_id "
                              "WHERE p.code = ? AND r.year = ? ORDER BY e.kind, e.position",
                              (code, self.this_year())).fetchall()
        des = con.execute("SELECT d.status, d.note FROM des_plan d JOIN pcn_return r ON r.id = d.return_id "
                          "JOIN pcn p ON p.id = r.pcn_id WHERE p.code = ? AND r.year = ?",
                          (code, self.this_year())).fetchall()
        con.close()
        self.assertEqual(entries, [(0, 0, 2, 0, "Frailty hub", "Weekly clinic", "Dr Lee", "31/03/2027"),
                                   (0, 1, 1, 0, "", "", "", ""), (0, 2, 0, 0, "", "Detail only", "", ""),
                                   (0, 3, 0, 0, "", "", "Lead only", ""), (0, 4, 0, 0, "", "", "", "Spring"),
                                   (0, 5, 0, 0, "Last", "", "", ""),
                                   (1, 0, 0, 123450, "Care home van", "", "Sam", ""), (1, 1, 0, 1, "", "", "", ""),
                                   (1, 2, 0, 0, "", "Detail only", "", ""), (1, 3, 0, 0, "Last", "", "", "")])
        self.assertEqual(des, [(2, "Hub model")])
        self.assertEqual(self.changes(db, path), [])
        cleared = self.edited_form(db, code, self.this_year_text(), Plan_A9=None, Plan_B9=None, Plan_C9=None,
                                   Plan_D9=None, Plan_E9=None)
        self.assertEqual(self.changes(db, cleared), [
            "Plan · Projects: " + projects + " → " + rest])

    def test_lists_to_their_last_row(self):
        code = "U90001"
        db = self.this_years_copy(code)
        path = self.edited_form(db, code, self.this_year_text(), Achievements_B10="Last achievement",
                                Achievements_B3=None, SWOT_D10="Last threat", SWOT_A3=None)
        lines = self.changes(db, path)
        self.assertIn("Key achievements: (blank) → “Last achievement”", lines)
        self.assertIn("Threats: (blank) → “Last threat”", lines)

    def test_new_return_and_submitted_return(self):
        """A form for a year without a return makes one, submitted; a submitted return stays as it was submitted."""
        db = self.workbook_copy()
        path = self.edited_form(db, "U90001", "2024/25", Maturity_B3="Step 1")
        self.assertIn("Maturity · Leadership, planning and partnerships: level: No score → Step 1",
                      self.changes(db, path))
        self.assertEqual(self.sql_on(db, "SELECT r.status || ' ' || m.level FROM pcn_return r "
                                         "JOIN pcn p ON p.id = r.pcn_id JOIN maturity m ON m.return_id = r.id "
                                         "WHERE p.code = 'U90001' AND r.year = 2024 AND m.domain = 'leadership'"), "1 2")
        when = ("SELECT r.status || ' ' || r.submitted_at FROM pcn_return r JOIN pcn p ON p.id = r.pcn_id "
                f"WHERE p.code = 'U90002' AND r.year = {self.this_year()}")
        before = self.sql_on(db, when)
        self.assertTrue(before.startswith("1 "), before)
        path = self.edited_form(db, "U90002", self.this_year_text(), Maturity_C3="New evidence")
        self.assertEqual(self.changes(db, path),
                         ["Maturity · Leadership, planning and partnerships: evidence: (blank) → New evidence"])
        self.assertEqual(self.sql_on(db, when), before)

    def test_refusals_name_the_cell_and_what_is_accepted(self):
        code = "U90001"
        db = self.this_years_copy(code)
        form = self.edited_form(db, code, self.this_year_text())
        wb = openpyxl.load_workbook(form)
        for cells, message in (
                ({"Plan_B5": "Finished"},
                 "Plan!B5: “Finished” is not on the list; use Not started, Planning, Delivering or Fully delivered"),
                ({"Plan_E9": "x"}, "Plan!E9: “x” is not on the list; use Not started, On track, At risk or Complete"),
                ({"Maturity_B5": "Step 4"}, "Maturity!B5: “Step 4” is not a level; use Pre-foundation, Foundation, "
                 "Foundation/Step 1, Step 1, Step 1/2, Step 2, Step 2/3, Step 3 or No score"),
                ({"Workforce_B3": "#DIV/0!"}, "Workforce!B3: the cell shows the error #DIV/0!: type the value itself"),
                ({"Maturity_C3": True}, "Maturity!C3: TRUE or FALSE is not a value this form takes"),
                ({"Workforce_D26": 0.001}, "Workforce!D26: 0.001 has more than two decimal places"),
                ({"Workforce_C3": 1000}, "Workforce!C3: 1000 is not from 0 to 999"),
                ({"Workforce_B3": -0.01}, "Workforce!B3: -0.01 is not from 0 to 99.99"),
                ({"Profile_B9": 100}, "Profile!B9: 100 is not from 0 to 99.99"),
                ({"Plan_D20": 1.234}, "Plan!D20: 1.234 has more than two decimal places"),
                ({"Plan_D27": -1}, "Plan!D27: -1 is not from 0 to 100000000.00"),
                ({"Plan_D20": 100000000.01}, "Plan!D20: 100000000.01 is not from 0 to 100000000.00"),
                ({"Form_B5": "x"}, "Form!B5: the form’s layout was changed; send the PCN a new form"),
                ({"Form_C6": "2"}, "Form!B6: the form’s layout was changed"),
                ({"Form_B32": "4097"}, "Form!B32: the form’s layout was changed"),
                ({"Form_C7": "Wizard"}, "Form!C7: the role “Wizard” is not in this workbook"),
                ({"Form_C31": "nope"}, "Form!C31: “nope” is not a DES specification"),
                ({"Form_B4": "2"}, "this form is version 2; this PCN Workbook reads version 1. Send the PCN a new form"),
                ({"Form_B1": "PCN Workbook"}, "this is not a PCN Workbook return form (its “Form” sheet does not say so)"),
                ({"Form_B3": "2025"}, "Form!B3: “2025” is not a financial year")):
            with self.subTest(cells=cells):
                kept = {}
                for ref, value in cells.items():
                    sheet, cell = ref.split("_")
                    kept[sheet, cell] = wb[sheet][cell].value
                    wb[sheet][cell].value = value
                path = os.path.join(tempfile.mkdtemp(dir=self.tmp), os.path.basename(form))
                wb.save(path)
                for (sheet, cell), value in kept.items():
                    wb[sheet][cell].value = value
                self.assert_refused(db, path, message)

    def test_values_at_the_limits_are_taken(self):
        code = "U90001"
        db = self.this_years_copy(code)
        path = self.edited_form(db, code, self.this_year_text(), Workforce_B3=99.99, Workforce_C3=999, Workforce_D3="   ",
                                Plan_A20="Big", Plan_D20=100000000, Plan_D21="   ", Maturity_B3="step 3")
        lines = self.changes(db, path)
        self.assertIn("Workforce · Advanced practitioner: (blank) → 99.99 in post, 999 people, 0.0 planned", lines)
        self.assertIn("Plan · Development funding proposals: (blank) → “Big” (; ; £100,000,000.00)", lines)
        self.assertIn("Maturity · Leadership, planning and partnerships: level: Foundation → Step 3", lines)

    def test_cells_beside_the_form_are_not_read(self):
        """A note typed far to the right (here AI2, AJ2) is no part of the form and changes nothing."""
        code = "U90001"
        db = self.this_years_copy(code)
        path = self.edited_form(db, code, self.this_year_text(), Maturity_AI2="Not evidence", Maturity_AJ2="Step 3",
                                Maturity_C4=None, Maturity_D4=None, Maturity_Q3="Step 3")
        p = self.cli_on(db, "import", "forms", "--dry-run", path)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn(": 0 changes would be made", p.stdout)

    def test_reviewed_return_unchanged_is_accepted(self):
        """A form that changes nothing of a reviewed return is taken, and the return stays reviewed."""
        code = "U90003"
        db = self.workbook_copy()
        status = f"SELECT r.status FROM pcn_return r JOIN pcn p ON p.id = r.pcn_id WHERE p.code = '{code}' " \
                 f"AND r.year = {self.this_year()}"
        self.assertEqual(self.sql_on(db, status), 2)
        path = self.edited_form(db, code, self.this_year_text())
        p = self.cli_on(db, "import", "forms", path)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn(f"({code}): 0 changes made", p.stdout)
        self.assertEqual(self.sql_on(db, status), 2)

    def test_forms_are_taken_each_on_its_own(self):
        """One refused form of two: the other is still taken, and the command fails naming the refused one."""
        db = self.workbook_copy()
        year = self.this_year_text()
        good = self.edited_form(db, "U90001", year, Maturity_B3="Step 3")
        bad = self.edited_form(db, "U90004", year, Maturity_B3="Step 3", Workforce_B3="x")
        p = self.cli_on(db, "import", "forms", "--year", year, bad, good)
        self.assertEqual(p.returncode, 1)
        self.assertIn(f"{os.path.basename(bad)}: Workforce!B3: “x” is typed as text", p.stderr)
        self.assertIn("(U90001): 1 change made; return submitted", p.stdout)
        levels = self.sql_on(db, "SELECT group_concat(p.code || '=' || m.level) FROM maturity m "
                                 "JOIN pcn_return r ON r.id = m.return_id JOIN pcn p ON p.id = r.pcn_id "
                                 f"WHERE m.domain = 'leadership' AND r.year = {self.this_year()} "
                                 "AND p.code IN ('U90001', 'U90004') ORDER BY p.code")
        self.assertIn("U90001=6", levels)
        self.assertNotIn("U90004=6", levels)


def main():
    """Runs each test and reports it as TAP, so every case is counted."""
    # one demo workbook for all: run one by one, unittest would not make it
    return pw_tap.run(list(unittest.defaultTestLoader.loadTestsFromTestCase(Forms)), Forms.setUpClass, Forms.tearDownClass)


if __name__ == "__main__":
    sys.exit(main())
