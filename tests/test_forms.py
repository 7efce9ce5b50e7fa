#!/usr/bin/python3
"""Return forms: `export forms` writes one .xlsx per PCN, read back with
openpyxl; the forms keep what identifies them after openpyxl and LibreOffice
save them again.  Run by meson with PW_CLI pointing at the built program.
SPDX-License-Identifier: GPL-3.0-or-later
"""
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



def main():
    """Runs each test and reports it as TAP, so every case is counted."""
    # one demo workbook for all: run one by one, unittest would not make it
    return pw_tap.run(list(unittest.defaultTestLoader.loadTestsFromTestCase(Forms)), Forms.setUpClass, Forms.tearDownClass)


if __name__ == "__main__":
    sys.exit(main())
