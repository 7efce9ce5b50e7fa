#!/usr/bin/python3
"""Exports checked where build-aux/mutate.py found a small bug no test
caught: each return form and appendix sheet's column widths (a dropped
width left a column at Excel's default, too narrow for what it holds, and
the print scale and row heights worked out from the wrong width) and the
form's Plan checks on their own cells; a funding line worked out from a
rate of 0p still says so, in the annual review and under the appendix's
Funding sheet; the ARRS chart's bars keep their edge; projects and
funding proposals filled in on a return form are read back in (the
form's hidden sheet names their rows), and a WTE of 0 read from a form is
listed as 0.0, not blank; every form sheet keeps its heading on screen
and on each printed page, a table's heading row has room for two lines,
the cover lists the sheets after it and reads nothing past them, a
control character in a PCN's name does not reach its form's file name, a
form's figures keep their number formats, a status off a list is refused
naming the list, and the projects a workbook holds go out on the next
form with their status; and (seeds 2001 and 2002, session 20) the PCN
profiles sheet cell by cell, the ARRS chart kept whole on a page, the
form's Workforce sheet with last year's figures, a CSV of exactly the size
limit, the roles commands' single message when a role cannot be looked
up, the Funding sheet's "as at" line under its rated amounts.  Run by
meson with PW_CLI pointing at the built program.
SPDX-License-Identifier: GPL-3.0-or-later
"""
import glob
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest
import zipfile

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pw_tap  # noqa: E402
from test_forms import Forms  # noqa: E402

CLI = os.environ.get("PW_CLI", "build/app/pcn-workbook-cli")

# Each form sheet's column widths in characters, as designed in
# app/export/pw-export-forms.c (a run of equal columns is one entry).
FORM_WIDTHS = {
    "Instructions": {"A": 100},
    "Profile": {"A": 26, "B": 40, "C": 40},
    "Maturity": {"A": 30, "B": 18, "C": 50, "D": 40, "E": 18},
    "Achievements": {"A": 6, "B": 70, "C": 50},
    "SWOT": {"A": 34, "B": 34, "C": 34, "D": 34, "E": 3, "F": 30, "G": 30, "H": 30, "I": 30},
    "Workforce": {"A": 36, "B": 12, "C": 12, "D": 12, "E": 18, "F": 18},
    "Plan": {"A": 36, "B": 30, "C": 40, "D": 18, "E": 18},
}

# The demo appendix's column widths for 2025/26 (13 PCNs: the maturity
# matrix has a row per PCN), as designed in app/export/: the print rule
# (the largest scale that fits the width, never below 80 %) and the row
# heights are worked out from them.
APPENDIX_WIDTHS = {
    "Cover": {"A": 24, "B": 70},
    "PCN profiles": {"A": 10, "B": 30, "C": 16, "D": 22, "E": 8, "F": 22, "G": 9, "H": 10, "I": 11, "J": 11},
    "Practices": {"A": 10, "B": 34, "C": 13, "D": 44, "E": 12},
    "Maturity matrix": {"A": 16, "B": 30, "C": 16, "D": 16, "E": 16, "F": 16, "G": 16},
    "Maturity evidence": {"A": 22, "B": 20, "C": 13, "D": 50, "E": 40},
    "Return status": {"A": 10, "B": 34, "C": 18, "D": 12, "E": 12, "F": 12, "G": 20, "H": 50},
    "Locality boards": {"A": 26, "B": 46, "C": 24, "D": 18, "E": 12, "F": 10},
    "SWOT": {"A": 36, "B": 36, "C": 36, "D": 36},
    "Achievements": {"A": 10, "B": 28, "C": 14, "D": 5, "E": 88},
    "Plans": {"A": 28, "B": 17, "C": 17, "D": 17, "E": 17, "F": 17, "G": 17, "H": 17, "I": 17},
    "ARRS workforce": {"A": 36, "B": 13, "C": 13, "D": 13, "E": 11},
    "Funding": {"A": 30, "B": 17, "C": 17, "D": 17, "E": 17, "F": 17, "G": 17},
}


def widths(ws):
    """A sheet's column widths in characters, by column letter."""
    got = {}
    for dim in ws.column_dimensions.values():
        if dim.width:
            for col in range(dim.min, dim.max + 1):
                # libxlsxwriter stores a width with Excel's padding.
                got[openpyxl.utils.get_column_letter(col)] = round(dim.width - 0.7109375, 2)
    return got


class Exports(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="pw-mutants-")
        self.db = os.path.join(self.dir, "workbook.db")
        self.run_cli("init")
        self.run_cli("demo")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def run_cli(self, *args):
        p = subprocess.run([CLI, "--database", self.db, *args], capture_output=True, text=True, timeout=120)
        self.assertEqual(p.returncode, 0, f"{args}: {p.stderr}")
        return p

    def test_form_widths_and_checks(self):
        out = os.path.join(self.dir, "forms")
        self.run_cli("export", "forms", "--year", "2025/26", "--out", out, "--pcn", "U90001")
        [path] = glob.glob(os.path.join(out, "U90001 *.xlsx"))
        wb = openpyxl.load_workbook(path)
        for title, want in FORM_WIDTHS.items():
            self.assertEqual(widths(wb[title]), want, title)
        # The Plan sheet's checks on the cells they belong to: the DES and
        # project statuses from lists, the proposals' amounts a range.
        checks = {(dv.type, str(dv.sqref), dv.formula1) for dv in wb["Plan"].data_validations.dataValidation}
        self.assertEqual(checks, {("list", "B5", '"Not started,Planning,Delivering,Fully delivered"'),
                                  ("list", "E9:E16", '"Not started,On track,At risk,Complete"'),
                                  ("decimal", "D20:D27", "0")})

    def test_form_number_formats(self):
        # A form's figures show as they are typed back in: WTE to two
        # places, headcounts whole, amounts in pounds and pence, last
        # year's WTE alike (mutate.py, seed 1912: every number format
        # dropped).
        out = os.path.join(self.dir, "forms")
        self.run_cli("export", "forms", "--year", "2025/26", "--out", out, "--pcn", "U90001")
        [path] = glob.glob(os.path.join(out, "U90001 *.xlsx"))
        wb = openpyxl.load_workbook(path)
        got = {ref: wb[ref.split("!")[0]][ref.split("!")[1]].number_format
               for ref in ("Workforce!B3", "Workforce!C3", "Workforce!D3", "Plan!D20", "Profile!B7", "Profile!C7")}
        self.assertEqual(got, {"Workforce!B3": "0.00", "Workforce!C3": "0", "Workforce!D3": "0.00",
                               "Plan!D20": '"£"#,##0.00', "Profile!B7": "0.00", "Profile!C7": "0.00"})

    def test_form_font(self):
        # Every cell a return form writes is in Arial, filled in or not
        # (added after seed 1812 was run: its survivor pw-export-forms.c:57).
        out = os.path.join(self.dir, "forms")
        self.run_cli("export", "forms", "--year", "2025/26", "--out", out, "--pcn", "U90001")
        [path] = glob.glob(os.path.join(out, "U90001 *.xlsx"))
        wb = openpyxl.load_workbook(path)
        fonts = {c.font.name for title in ("Profile", "Maturity", "Workforce", "Plan")
                 for row in wb[title].iter_rows(min_row=3) for c in row if c.value is not None}
        self.assertEqual(fonts, {"Arial"})

    def test_form_profile_last_year(self):
        # Last year's profile beside this year's, every line of it.
        out = os.path.join(self.dir, "forms")
        self.run_cli("export", "forms", "--year", "2025/26", "--out", out, "--pcn", "U90001")
        [path] = glob.glob(os.path.join(out, "U90001 *.xlsx"))
        ws = openpyxl.load_workbook(path)["Profile"]
        self.assertEqual([(ws[f"A{r}"].value, ws[f"C{r}"].value) for r in range(2, 10)],
                         [("Item", "Last year 2024/25 (for reference)"), ("PCN code", None),
                          ("PCN name", "Northmoor Central PCN"), ("Locality", "Northmoor"),
                          ("Clinical director", "Dr Alex Morgan"), ("Clinical director WTE", 0.25),
                          ("PCN manager", "Sam Whitfield"), ("PCN manager WTE", 1)])

    def test_form_plan_headings(self):
        # The Plan sheet's blocks: each title and heading row in column A,
        # where the form's hidden sheet says the rows are.
        out = os.path.join(self.dir, "forms")
        self.run_cli("export", "forms", "--year", "2025/26", "--out", out, "--pcn", "U90001")
        [path] = glob.glob(os.path.join(out, "U90001 *.xlsx"))
        ws = openpyxl.load_workbook(path)["Plan"]
        rows = {r[0].row: [c.value for c in r][:5] for r in ws.iter_rows(min_row=3, max_row=19) if r[0].value}
        self.assertEqual(rows, {
            3: ["Network Contract DES", None, None, None, None],
            4: ["DES service specification", "Status", "How you deliver it", "Status 2024/25 (for reference)", None],
            5: ["Network Contract DES specification with PCN functions", None, None, None, None],
            7: ["Projects", None, None, None, None],
            8: ["Project", "Detail", "Lead", "Due", "Status"],
            18: ["Development funding proposals", None, None, None, None],
            19: ["Proposal", "Detail", "Lead", "Amount (£)", None]})

    def test_appendix_column_widths(self):
        path = os.path.join(self.dir, "appendix.xlsx")
        self.run_cli("export", "appendix", "--year", "2025/26", "--out", path)
        wb = openpyxl.load_workbook(path)
        self.assertEqual(wb.sheetnames, list(APPENDIX_WIDTHS))
        for title, want in APPENDIX_WIDTHS.items():
            self.assertEqual(widths(wb[title]), want, title)

    def test_profile_totals(self):
        # PCN profiles' TOTAL row: CD WTE, practices and population, each a
        # SUM over the PCNs' rows with the sum cached for readers that do
        # not recalculate.
        path = os.path.join(self.dir, "appendix.xlsx")
        self.run_cli("export", "appendix", "--year", "2025/26", "--out", path)
        sheets = [openpyxl.load_workbook(path, data_only=d)["PCN profiles"] for d in (False, True)]
        formulas, cached = ([r for r in ws.iter_rows(values_only=True)] for ws in sheets)
        pcns = [r for r in cached if re.fullmatch(r"U\d{5}", str(r[0]))]
        self.assertEqual(len(pcns), 13)
        [at] = [i for i, r in enumerate(formulas) if r[0] == "TOTAL"]
        first = formulas.index(next(r for r in formulas if r[0] == pcns[0][0])) + 1
        for col, letter in ((4, "E"), (7, "H"), (8, "I")):
            self.assertEqual(formulas[at][col], f"=SUM({letter}{first}:{letter}{first + 12})")
            self.assertAlmostEqual(cached[at][col], sum(r[col] or 0 for r in pcns))
        self.assertEqual(cached[at][4:9], (3.65, None, None, 60, 546154))

    def test_chart_series_edged(self):
        # Both bars of the ARRS chart keep the dark blue edge, so the light
        # series still shows on white paper and in grey.
        path = os.path.join(self.dir, "appendix.xlsx")
        self.run_cli("export", "appendix", "--year", "2025/26", "--out", path)
        with zipfile.ZipFile(path) as z:
            chart = z.read("xl/charts/chart1.xml").decode()
        series = re.findall(r"<c:ser>.*?</c:ser>", chart, re.S)
        self.assertEqual(len(series), 2)
        edge = '<a:ln w="9525"><a:solidFill><a:srgbClr val="1F4E79"/></a:solidFill></a:ln>'
        for s in series:
            self.assertIn(edge, s)

    def test_form_headings_stay(self):
        # Each form sheet's heading rows stay on screen (frozen) and are
        # printed on every page, the Workforce sheet's as the others'
        # (mutate.py, seed 2611: its end_sheet () dropped).
        out = os.path.join(self.dir, "forms")
        self.run_cli("export", "forms", "--year", "2025/26", "--out", out, "--pcn", "U90001")
        [path] = glob.glob(os.path.join(out, "U90001 *.xlsx"))
        wb = openpyxl.load_workbook(path)
        got = {ws.title: (ws.freeze_panes, ws.print_title_rows) for ws in wb if ws.title not in ("Instructions", "Form")}
        self.assertEqual(got, {"Profile": ("B3", "$1:$2"), "Maturity": ("B3", "$1:$2"), "Achievements": ("B3", "$1:$2"),
                               "SWOT": ("B3", "$1:$2"), "Workforce": ("B3", "$1:$2"), "Plan": ("B2", "$1:$1")})

    def test_heading_rows_hold_two_lines(self):
        # A table's heading row is 27 points high, room for two wrapped
        # lines, also where its titles fit on one (mutate.py, seed 2611:
        # pw_sheet_header_row's height dropped).
        out = os.path.join(self.dir, "forms")
        self.run_cli("export", "forms", "--year", "2025/26", "--out", out, "--pcn", "U90001")
        [form] = glob.glob(os.path.join(out, "U90001 *.xlsx"))
        appendix = os.path.join(self.dir, "appendix.xlsx")
        self.run_cli("export", "appendix", "--year", "2025/26", "--out", appendix)
        heights = {}
        for path, rows in ((form, {"Profile": 2, "Achievements": 2}),
                           (appendix, {"Maturity evidence": 3, "Return status": 3, "Achievements": 3,
                                       "ARRS workforce": 3})):
            wb = openpyxl.load_workbook(path)
            heights.update({(os.path.basename(path)[:6], t): wb[t].row_dimensions[r].height for t, r in rows.items()})
        self.assertEqual(set(heights.values()), {27}, heights)

    def test_cover_lists_the_sheets(self):
        # The cover's list is every sheet after it, and nothing read past
        # the list's end: exported with fresh memory filled with junk
        # (glibc's MALLOC_PERTURB_, and no gc-friendly GLib to clear it), a
        # read past it crashes or lists junk (mutate.py, seed 2611).
        path = os.path.join(self.dir, "appendix.xlsx")
        env = dict(os.environ, MALLOC_PERTURB_="165", G_DEBUG="fatal-criticals")
        p = subprocess.run([CLI, "--database", self.db, "export", "appendix", "--year", "2025/26", "--out", path],
                           capture_output=True, text=True, timeout=120, env=env)
        self.assertEqual(p.returncode, 0, p.stderr)
        wb = openpyxl.load_workbook(path)
        rows = list(wb["Cover"].iter_rows(values_only=True))
        [at] = [i for i, r in enumerate(rows) if r[0] == "Sheets"]
        self.assertEqual([r[1] for r in rows[at:]], wb.sheetnames[1:])

    def strings(self, path, sheet=None):
        wb = openpyxl.load_workbook(path)
        return [c for ws in wb for row in ws.iter_rows(values_only=True) for c in row
                if isinstance(c, str) and (sheet is None or ws.title == sheet)]

    def test_zero_rate_is_still_a_rate(self):
        csv = os.path.join(self.dir, "funding.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("pcn_code,year,stream,amount\nU90001,2025/26,development,rate:0\nU90001,2025/26,arrs,rate:0.66\n")
        self.run_cli("import", "funding", csv)
        review = os.path.join(self.dir, "review.xlsx")
        self.run_cli("export", "review", "--year", "2025/26", "--pcn", "U90001", "--out", review)
        cells = self.strings(review)
        self.assertIn("PCN development (OD) funding (0p per registered patient)", cells)
        self.assertIn("ARRS budget (66p per registered patient)", cells)
        appendix = os.path.join(self.dir, "appendix.xlsx")
        self.run_cli("export", "appendix", "--year", "2025/26", "--out", appendix)
        rates = self.strings(appendix, "Funding")
        self.assertIn("0p per registered patient", rates)
        self.assertIn("66p per registered patient", rates)


class Empty(unittest.TestCase):
    """A workbook made from nothing, worked on through the CLI (no tests
    of its own: Small and Session20 hold them)."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="pw-mutants-small-")
        self.db = os.path.join(self.dir, "workbook.db")
        self.cli("init")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def cli(self, *args):
        p = subprocess.run([CLI, "--database", self.db, *args], capture_output=True, text=True, timeout=120)
        self.assertEqual(p.returncode, 0, f"{args}: {p.stderr}")
        return p.stdout

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def imported(self, kind, text):
        self.cli("import", kind, self.write(kind + ".csv", text))

    def appendix(self, year):
        path = os.path.join(self.dir, "appendix.xlsx")
        self.cli("export", "appendix", "--year", year, "--out", path)
        return openpyxl.load_workbook(path)


class Small(Empty):
    """Appendices of workbooks made from nothing, with none or one PCN."""

    def test_maturity_for_an_archived_pcn(self):
        # A maturity file may not start a return for a PCN in a year it is
        # archived from; before that year it may.
        self.imported("profiles", "pcn_code,pcn_name,locality,practice_code,practice_name,list_size\n"
                                  "U10001,Only PCN,North,A10001,Only Surgery,9000\n")
        self.cli("pcn", "archive", "U10001", "--year", "2024/25")
        path = os.path.join(self.dir, "late.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("pcn_code,year,domain,level\nU10001,2025/26,leadership,Step 1\n")
        p = subprocess.run([CLI, "--database", self.db, "import", "maturity", path], capture_output=True, text=True,
                           timeout=120)
        self.assertEqual(p.returncode, 1)
        self.assertIn("archived (closed) from 2024/25", p.stderr)
        self.imported("maturity", "pcn_code,year,domain,level\nU10001,2023/24,leadership,Step 1\n")
        con = sqlite3.connect(self.db)
        try:
            self.assertEqual(con.execute("SELECT year FROM pcn_return").fetchall(), [(2023,)])
        finally:
            con.close()

    def test_one_claim_has_a_total(self):
        # One PCN whose claim is worked out: the budget table's TOTAL row
        # sums it (a total left out for a single claim reads as none).
        self.imported("profiles", "pcn_code,pcn_name,locality,practice_code,practice_name,list_size\n"
                                  "U10001,Only PCN,North,A10001,Only Surgery,9000\n")
        self.cli("roles", "rate", "Clinical pharmacist", "£55,670.00", "--year", "2021/22")
        self.imported("arrs", "pcn_code,year,role,wte_in_post\nU10001,2021/22,Clinical pharmacist,2.5\n")
        self.imported("funding", "pcn_code,year,stream,amount\nU10001,2021/22,arrs,200000\n")
        rows = list(self.appendix("2021/22")["ARRS workforce"].iter_rows(values_only=True))
        head = rows.index(("PCN", "ARRS budget", "Max claimable", "Difference", "WTE as of"))
        self.assertEqual(rows[head + 1][:4], ("Only PCN", 200000, 139175, 60825))
        self.assertEqual(rows[head + 2][0], "TOTAL")
        cached = list(openpyxl.load_workbook(os.path.join(self.dir, "appendix.xlsx"), data_only=True)
                      ["ARRS workforce"].iter_rows(values_only=True))
        self.assertEqual(cached[head + 2][1:4], (200000, 139175, 60825))

    def test_text_of_control_characters_only(self):
        # Text made only of characters a spreadsheet cannot hold is cleaned
        # to nothing like any other (not taken as clean and written raw).
        path = os.path.join(self.dir, "appendix.xlsx")
        self.cli("export", "appendix", "--year", "2025/26", "--out", path,
                 "--committee", "\x01\x1b", "--lead", "\x0b", "--title", "\x01Returns\x02")
        cover = {r[0]: r[1] for r in openpyxl.load_workbook(path)["Cover"].iter_rows(values_only=True) if r[0]}
        self.assertIn(cover["Committee"], (None, ""))
        self.assertIn(cover["Lead"], (None, ""))
        self.assertEqual(cover["Title"], "Returns")

    def test_form_file_name_without_control_characters(self):
        # A tab, a DEL or another control character in a PCN's name (the
        # profiles import keeps them) reaches its form's file name as a
        # space (mutate.py, seed 2611: the control characters let through).
        self.imported("profiles", "pcn_code,pcn_name,locality,practice_code,practice_name,list_size\n"
                                  'U10001,"Tab\tand\x7fDel\x01PCN",North,A10001,Only Surgery,9000\n')
        out = os.path.join(self.dir, "forms")
        self.cli("export", "forms", "--year", "2025/26", "--out", out)
        self.assertEqual(os.listdir(out), ["U10001 Tab and Del PCN 2025-26 return.xlsx"])

    def test_forms_written_before_a_failure_are_counted(self):
        # A form that cannot be written (a folder holds its name) fails the
        # export, saying how many forms were written before it (mutate.py,
        # build-aux/test.sh's sample: that line dropped).
        self.imported("profiles", "pcn_code,pcn_name,locality,practice_code,practice_name,list_size\n"
                                  "U10001,Alpha PCN,North,A10001,One Surgery,9000\n"
                                  "U10002,Beta PCN,North,A10002,Two Surgery,8000\n")
        out = os.path.join(self.dir, "forms")
        os.makedirs(os.path.join(out, "U10002 Beta PCN 2025-26 return.xlsx"))
        p = subprocess.run([CLI, "--database", self.db, "export", "forms", "--year", "2025/26", "--out", out],
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("1 form was written before this one failed", p.stderr)
        # and which PCN's form it was (seed 2004: the prefix dropped)
        self.assertIn("Form for U10002: ", p.stderr)
        self.assertTrue(os.path.isfile(os.path.join(out, "U10001 Alpha PCN 2025-26 return.xlsx")))

    def test_totals_of_nothing_are_blank(self):
        # No PCNs: nothing was given, so no TOTAL row may show a figure
        # (a 0 would read as a sum of real rows).
        wb = self.appendix("2025/26")
        totals = {}
        for title in ("PCN profiles", "Practices", "ARRS workforce", "Funding"):
            for row in wb[title].iter_rows(values_only=True):
                if row and row[0] == "TOTAL":
                    totals.setdefault(title, []).append([v for v in row[1:] if v is not None])
        # The ARRS sheet has three tables: by role, role × PCN, and budgets.
        self.assertEqual(totals, {"PCN profiles": [[]], "Practices": [[]], "ARRS workforce": [[], [], []],
                                  "Funding": [[]]})


class FormPlan(Forms):
    """Forms' demo workbook and helpers; only the test below runs here."""

    def test_projects_and_proposals_come_back(self):
        code = "U90001"
        db = self.workbook_copy(reopen=code)
        path = self.filled_form(code, Plan_A9="Same-day hub", Plan_B9="One site for the PCN", Plan_C9="Dr Lee",
                                Plan_A20="Care navigation training", Plan_B20="Two cohorts", Plan_D20=1500)
        p = self.cli_on(db, "import", "forms", "--year", "2025/26", path)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("Same-day hub", p.stdout)
        self.assertIn("Care navigation training", p.stdout)
        con = sqlite3.connect(db)
        try:
            rows = con.execute("SELECT e.kind, e.title, e.detail, e.lead, e.amount FROM plan_entry e "
                               "JOIN pcn_return r ON r.id = e.return_id JOIN pcn p ON p.id = r.pcn_id "
                               "WHERE p.code = ? AND r.year = 2025 ORDER BY e.kind, e.position", (code,)).fetchall()
        finally:
            con.close()
        self.assertIn((0, "Same-day hub", "One site for the PCN", "Dr Lee", 0), rows)
        self.assertIn((1, "Care navigation training", "Two cohorts", "", 150000), rows)

    def test_import_says_what_it_changed(self):
        # The import names each form, its PCN and how many changes it made,
        # then lists them; the dry run says "would be made" instead.
        code = "U90001"
        db = self.workbook_copy(reopen=code)
        path = self.filled_form(code, Maturity_B3="Step 3", SWOT_A3="Strong team")
        dry = self.cli_on(db, "import", "forms", "--dry-run", "--year", "2025/26", path)
        p = self.cli_on(db, "import", "forms", "--year", "2025/26", path)
        self.assertEqual(p.returncode, 0, p.stderr)
        lines = p.stdout.splitlines()
        self.assertGreaterEqual(len(lines), 3)
        self.assertEqual(lines[0], f"{path} ({code}): {len(lines) - 1} changes made; return submitted")
        self.assertTrue(all(line.startswith("  ") for line in lines[1:]), lines)
        self.assertEqual(dry.stdout.splitlines(),
                         [f"{path} ({code}): {len(lines) - 1} changes would be made", *lines[1:]])

    def test_zero_wte_is_shown_as_zero(self):
        # A role's WTE set to 0 on a form is reported as 0.0, not blank
        # (mutate.py: a 0 taken for "not given" in the list of changes).
        code = "U90001"
        db = self.workbook_copy(reopen=code)
        path = self.filled_form(code, Workforce_B3=0, Workforce_C3=0, Workforce_D3=1.5)
        p = self.cli_on(db, "import", "forms", "--year", "2025/26", path)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("Workforce · Advanced practitioner: (blank) → 0.0 in post, 0 people, 1.5 planned\n", p.stdout)

    def test_projects_go_out_with_their_status(self):
        # A project the workbook holds is written on the next form with its
        # status, not left for the PCN to fill in again (mutate.py, seed
        # 1912: the status cell of a listed project left blank).
        code = "U90001"
        db = self.workbook_copy(reopen=code)
        path = self.filled_form(code, Plan_A9="Same-day hub", Plan_B9="One site", Plan_E9="At risk",
                                Plan_A10="Care homes round", Plan_E10="Complete")
        p = self.cli_on(db, "import", "forms", "--year", "2025/26", path)
        self.assertEqual(p.returncode, 0, p.stderr)
        out = os.path.join(tempfile.mkdtemp(dir=self.tmp), "again")
        p = self.cli_on(db, "export", "forms", "--year", "2025/26", "--pcn", code, "--out", out)
        self.assertEqual(p.returncode, 0, p.stderr)
        ws = openpyxl.load_workbook(self.form(out, code))["Plan"]
        self.assertEqual([[c.value for c in ws[r]][:5] for r in (9, 10, 11)],
                         [["Same-day hub", "One site", None, None, "At risk"],
                          ["Care homes round", None, None, None, "Complete"], [None] * 5])

    def test_status_off_the_list_names_the_list(self):
        # A status not on a list is refused naming the cell and every
        # choice (mutate.py, seed 1911: the list left out of the message).
        code = "U90001"
        db = self.workbook_copy(reopen=code)
        path = self.filled_form(code, Plan_B5="Finished")
        p = self.cli_on(db, "import", "forms", "--year", "2025/26", path)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("Plan!B5: “Finished” is not on the list; use Not started, Planning, Delivering or "
                      "Fully delivered", p.stderr)


class Session20(Empty):
    """What mutate.py's seeds 2001 and 2002 (session 20) found unchecked: the PCN
    profiles sheet's cells, each against the workbook; the ARRS chart kept
    whole on a page; the return form's Workforce sheet, last year's
    figures beside this year's; a CSV file of exactly the size limit; the
    roles commands' one message when the role cannot be looked up."""

    def test_profiles_sheet_is_the_workbook(self):
        # Every cell of every PCN's row, against what the workbook holds
        # (a column left out read as a blank, not as a wrong total).
        self.cli("demo")
        ws = self.appendix("2025/26")["PCN profiles"]
        con = sqlite3.connect(self.db)
        try:
            want = {r[0]: r for r in con.execute(
                "SELECT p.code, p.name, l.name, p.clinical_director, p.cd_wte / 100.0, p.manager,"
                " p.manager_wte / 100.0, (SELECT count(*) FROM practice WHERE pcn_id = p.id),"
                " (SELECT sum(list_size) FROM practice WHERE pcn_id = p.id), p.established"
                " FROM pcn p LEFT JOIN locality l ON l.id = p.locality_id")}
        finally:
            con.close()
        rows = [r for r in ws.iter_rows(min_row=4, values_only=True) if r[0] != "TOTAL"]
        self.assertEqual(len(rows), len(want))
        for r in rows:
            got = (*r[:9], r[9].date().isoformat() if r[9] else None)
            self.assertEqual(got, want[r[0]])
        self.assertTrue(all(r[3] and r[5] for r in rows))        # the demo names them all

    def test_arrs_chart_starts_a_page_rather_than_split(self):
        # Twelve roles: the chart under the role table does not fit what is
        # left of the first page, so a break comes just above it, none in it.
        self.one_pcn()
        roles = [line.split("\t")[0] for line in self.cli("roles", "list").splitlines()][:12]
        self.cli("import", "arrs", self.write("a.csv", "pcn_code,year,role,wte_in_post\n" +
                                                       "".join(f"U10001,2025/26,{r},1\n" for r in roles)))
        ws = self.appendix("2025/26")["ARRS workforce"]
        self.assertEqual(len(ws._charts), 1)
        top = ws._charts[0].anchor._from.row              # 0-based: a break's id is the row above
        breaks = [b.id for b in ws.row_breaks.brk]
        self.assertEqual(ws.cell(top - 1, 1).value, "TOTAL")   # 1-based: a blank row, then the chart
        self.assertIn(top, breaks)
        self.assertFalse([b for b in breaks if top < b < top + 18], breaks)

    def test_form_workforce_this_year_and_last(self):
        # The form's Workforce sheet: this year's figures to fill in, last
        # year's in post and planned beside them for reference, each in its
        # own column; a role given in neither year is blank across.
        self.one_pcn()
        self.cli("import", "arrs", self.write("a.csv", "pcn_code,year,role,wte_in_post,headcount,wte_planned\n"
                                                       "U10001,2024/25,Paramedic,1.5,2,2.25\n"
                                                       "U10001,2024/25,Care coordinator,0.5,1,0.75\n"
                                                       "U10001,2025/26,Paramedic,3,4,3.5\n"
                                                       "U10001,2025/26,Dietitian,0.2,1,0.1\n"))
        out = os.path.join(self.dir, "forms")
        self.cli("export", "forms", "--year", "2025/26", "--out", out)
        ws = openpyxl.load_workbook(os.path.join(out, "U10001 Only PCN 2025-26 return.xlsx"))["Workforce"]
        rows = list(ws.iter_rows(min_row=3, values_only=True))
        given = {r[0]: r[1:] for r in rows if any(v is not None for v in r[1:])}
        self.assertEqual(given, {"Care coordinator": (None, None, None, 0.5, 0.75),
                                 "Dietitian": (0.2, 1, 0.1, None, None),
                                 "Paramedic": (3, 4, 3.5, 1.5, 2.25)})
        self.assertGreater(len(rows), 20)

    def test_csv_of_exactly_the_limit_is_read(self):
        # 64 MiB is the most an import reads: a file of exactly that is
        # read (here refused for what it holds), one byte more is not.
        path = os.path.join(self.dir, "big.csv")
        for size, says in ((64 * 1024 * 1024, "line 2 is not valid UTF-8 text"),
                           (64 * 1024 * 1024 + 1, "is larger than 64 MB")):
            with open(path, "w", encoding="utf-8") as f:
                f.write("pcn_code,year,text\n")
            os.truncate(path, size)                      # sparse: costs no disk
            p = subprocess.run([CLI, "--database", self.db, "import", path], capture_output=True, text=True,
                               timeout=120)
            self.assertEqual(p.returncode, 1)
            self.assertIn(says, p.stderr)

    def test_role_commands_on_an_unreadable_role_table(self):
        # The role cannot be looked up (the workbook's role table is not
        # what this build reads): each roles command says the database's
        # own message, once, and nothing else (no second error set over
        # the first: seed 2002).
        con = sqlite3.connect(self.db)
        con.execute("ALTER TABLE arrs_role RENAME COLUMN first_year TO fy")
        con.commit()
        con.close()
        for args in (("rate", "Paramedic", "1000", "--year", "2021/22"), ("retire", "Paramedic"),
                     ("years", "Paramedic", "2021/22")):
            p = subprocess.run([CLI, "--database", self.db, "roles", *args], capture_output=True, text=True,
                               timeout=120)
            self.assertEqual(p.returncode, 1, args)
            self.assertEqual(p.stderr.splitlines(), [f"pcn-workbook-cli: Database “{self.db}”: no such column: "
                                                     "first_year"], args)

    def test_funding_rated_table_says_as_at(self):
        # Under the amounts worked out from a rate per patient, the date of
        # the list sizes they use (seed 2003: the line left out).
        self.cli("demo")
        rows = list(self.appendix("2025/26")["Funding"].iter_rows(values_only=True))
        head = rows.index(("PCN", "Stream", "Rate", "Population", "Amount", None, None))
        rated = [r for r in rows[head + 1:] if r[2]]
        self.assertGreater(len(rated), 1)
        self.assertEqual(len(rows), head + 1 + len(rated) + 1)
        self.assertRegex(rows[-1][0], r"^Practices and list sizes as at \d\d/\d\d/\d{4}$")

    def test_one_practice_has_a_total(self):
        # One practice: the Practices sheet's TOTAL still sums it (seed
        # 2004: a total left out for a single row).
        self.one_pcn()
        path = os.path.join(self.dir, "appendix.xlsx")
        self.cli("export", "appendix", "--year", "2025/26", "--out", path)
        rows = list(openpyxl.load_workbook(path)["Practices"].iter_rows(values_only=True))
        cached = list(openpyxl.load_workbook(path, data_only=True)["Practices"].iter_rows(values_only=True))
        at = [i for i, r in enumerate(rows) if r[0] == "TOTAL"]
        self.assertEqual(len(at), 1)
        self.assertEqual((rows[at[0]][4], cached[at[0]][4]), ("=SUM(E4)", 9000))

    def one_pcn(self):
        self.imported("profiles", "pcn_code,pcn_name,locality,practice_code,practice_name,list_size\n"
                                  "U10001,Only PCN,North,A10001,Only Surgery,9000\n")


class Session21(Empty):
    """What mutate.py's seeds 2301 to 2304 (session 21) found unchecked in
    the CLI: what each command says it did, on success."""

    def test_commands_say_what_they_did(self):
        self.assertEqual(self.cli("roles", "rate", "Paramedic", "1234.5", "--year", "2024/25"),
                         "Paramedic: up to £1,234.50 per WTE in 2024/25\n")
        self.assertEqual(self.cli("contract", "add", "stream", "Winter pressures", "2025/26"),
                         "Added “Winter pressures” (key added_1)\n")
        self.assertEqual(self.cli("demo"), f"Demo data added to {self.db}\n")
        copy = os.path.join(self.dir, "copy.db")
        p = subprocess.run([CLI, "copy", "--from", self.db, "--to", copy], capture_output=True, text=True, timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr)
        said = re.fullmatch(r"Copied (\d+) rows from (.*) to (.*)\n", p.stdout)
        self.assertIsNotNone(said, p.stdout)
        self.assertEqual(said.group(2, 3), (self.db, copy))
        con = sqlite3.connect(copy)
        try:
            pcns = con.execute("SELECT count(*) FROM pcn").fetchone()[0]
        finally:
            con.close()
        self.assertGreater(pcns, 0)
        self.assertGreater(int(said.group(1)), pcns)

    def test_roles_rate_needs_a_year(self):
        p = subprocess.run([CLI, "--database", self.db, "roles", "rate", "Paramedic", "1000"],
                           capture_output=True, text=True, timeout=120)
        self.assertEqual((p.returncode, p.stdout), (1, ""))
        self.assertEqual(p.stderr, "pcn-workbook-cli: roles rate needs --year, such as 2021/22\n")

    def test_copy_with_a_row_refused_leaves_nothing(self):
        """A row the new workbook refuses (a level the file was made to
        hold behind its CHECK's back) ends the copy: it names the table and
        the reason, and the new workbook is not left behind half made."""
        self.cli("demo")
        con = sqlite3.connect(self.db)
        try:
            con.execute("PRAGMA ignore_check_constraints = ON")
            con.execute("UPDATE maturity SET level = 7 WHERE rowid = (SELECT min(rowid) FROM maturity)")
            con.commit()
        finally:
            con.close()
        copy = os.path.join(self.dir, "copy.db")
        p = subprocess.run([CLI, "copy", "--from", self.db, "--to", copy], capture_output=True, text=True, timeout=120)
        self.assertEqual(p.returncode, 1, p.stdout)
        self.assertEqual(p.stdout, "")
        self.assertIn("Copying maturity: ", p.stderr)
        self.assertIn("CHECK constraint failed", p.stderr)
        self.assertEqual(glob.glob(copy + "*"), [])

    def test_copy_refused_keeps_a_workbook_that_was_there(self):
        """A copy refused (into a workbook that holds data, or from one
        that is not there) removes only what it made: the workbook already
        at --to, its -wal and -shm, are kept as they were."""
        self.cli("demo")
        target = os.path.join(self.dir, "target.db")
        subprocess.run([CLI, "--database", target, "demo"], capture_output=True, check=True, timeout=120)
        con = sqlite3.connect(target)        # kept open: its -wal and -shm stay beside it
        try:
            con.execute("PRAGMA journal_mode = WAL")
            before = con.execute("SELECT count(*) FROM pcn").fetchone()[0]
            p = subprocess.run([CLI, "copy", "--from", self.db, "--to", target], capture_output=True, text=True,
                               timeout=120)
            self.assertEqual((p.returncode, p.stdout), (1, ""))
            self.assertIn("already holds data", p.stderr)
            self.assertEqual([os.path.exists(target + e) for e in ("", "-wal", "-shm")], [True] * 3)
            self.assertEqual(con.execute("SELECT count(*) FROM pcn").fetchone()[0], before)
        finally:
            con.close()
        missing = os.path.join(self.dir, "missing.db")
        p = subprocess.run([CLI, "copy", "--from", missing, "--to", os.path.join(self.dir, "new.db")],
                           capture_output=True, text=True, timeout=120)
        self.assertEqual((p.returncode, p.stderr), (1, f"pcn-workbook-cli: There is no workbook at “{missing}”.\n"))
        self.assertEqual(glob.glob(os.path.join(self.dir, "new.db*")), [])

    def test_exports_say_what_they_wrote(self):
        """Each export names the file written and, for a year with no
        returns, what it holds instead: the appendix and the review differ."""
        self.imported("profiles", "pcn_code,pcn_name,locality,practice_code,practice_name,list_size\n"
                                  "U10001,Only PCN,North,A10001,Only Surgery,9000\n")
        appendix = os.path.join(self.dir, "appendix.xlsx")
        review = os.path.join(self.dir, "review.xlsx")
        self.assertEqual(self.cli("export", "appendix", "--year", "2024/25", "--out", appendix),
                         f"Wrote {appendix}\nNote: there are no returns for 2024/25; the appendix lists the PCNs "
                         "with no figures, and its cover says so.\n")
        self.assertEqual(self.cli("export", "review", "--year", "2024/25", "--all", "--out", review),
                         f"Wrote {review}\nNote: there are no returns for 2024/25; the review shows the profile "
                         "and funding only.\n")
        self.assertEqual(openpyxl.load_workbook(review).sheetnames[:1], ["U10001"])


class Session22(Empty):
    """What mutate.py's seeds 2701 to 2704 (session 22) found unchecked in
    the CLI's reference commands."""

    def refused(self, *args):
        p = subprocess.run([CLI, "--database", self.db, *args], capture_output=True, text=True, timeout=120)
        self.assertEqual((p.returncode, p.stdout), (1, ""), args)
        return p.stderr

    def contract(self, key):
        return [line.split("\t")[3:5] for line in self.cli("contract", "list").splitlines()
                if line.split("\t")[1] == key][0]

    def role_years(self, name):
        con = sqlite3.connect(self.db)
        try:
            return con.execute("SELECT first_year, last_year FROM arrs_role WHERE name = ?", (name,)).fetchone()
        finally:
            con.close()

    def test_an_empty_last_year_means_still_applies(self):
        """LAST given as "" is LAST left out: the item still applies, or
        applies again after an end; a LAST year given ends it."""
        self.cli("contract", "years", "stream", "capacity", "2023/24", "2025/26")
        self.assertEqual(self.contract("capacity"), ["2023/24", "2025/26"])
        self.cli("contract", "years", "stream", "capacity", "2022/23", "")
        self.assertEqual(self.contract("capacity"), ["2022/23", ""])
        self.cli("roles", "years", "Paramedic", "2021/22", "2024/25")
        self.assertEqual(self.role_years("Paramedic"), (2021, 2024))
        self.cli("roles", "years", "Paramedic", "2020/21", "")
        self.assertEqual(self.role_years("Paramedic"), (2020, None))

    def test_contract_rename(self):
        """contract rename renames one added in this workbook, by kind and
        key, and no other; it takes exactly KIND KEY NAME."""
        self.assertEqual(self.cli("contract", "add", "stream", "Winter pressures", "2025/26"),
                         "Added “Winter pressures” (key added_1)\n")
        self.assertEqual(self.cli("contract", "rename", "stream", "added_1", "Winter access"),
                         "Renamed to “Winter access” (key added_1)\n")
        listed = [line.split("\t") for line in self.cli("contract", "list").splitlines()]
        self.assertIn(["stream", "added_1", "Winter access", "2025/26", ""], [line[:5] for line in listed])
        self.assertNotIn("Winter pressures", self.cli("contract", "list"))
        self.assertEqual(self.refused("contract", "rename", "stream", "capacity", "Access"),
                         "pcn-workbook-cli: Only a specification or stream added in this workbook can be renamed\n")
        self.assertEqual(self.refused("contract", "rename", "des", "added_1", "Access"),
                         "pcn-workbook-cli: There is no des with the key “added_1”: use a key from contract list\n")
        self.assertEqual(self.refused("contract", "rename", "plan", "added_1", "Access"),
                         "pcn-workbook-cli: “plan” is neither des nor stream\n")
        for args in (("stream", "added_1"), ("stream", "added_1", "Access", "extra")):
            self.assertIn("Unknown command", self.refused("contract", "rename", *args))
        self.assertIn("stream\tadded_1\tWinter access\t", self.cli("contract", "list"))

    def test_role_commands_name_a_role_not_there(self):
        for args in (("rate", "Astronaut", "1000", "--year", "2021/22"), ("retire", "Astronaut")):
            self.assertEqual(self.refused("roles", *args), "pcn-workbook-cli: There is no ARRS role called “Astronaut”\n")
        self.assertIn("2021/2", self.refused("roles", "add", "Astronaut", "--first-year", "2021/2"))
        self.assertNotIn("Astronaut", self.cli("roles", "list"))

    def test_review_stops_at_the_first_part_it_cannot_read(self):
        """A review whose funding, maturity, workforce or achievements
        cannot be read (the column is not what this build reads)
        stops there: the database's message, once, and no file."""
        self.cli("demo")
        out = os.path.join(self.dir, "review.xlsx")
        for table, column, said in (("funding", "rate", "f.rate"), ("maturity", "support", "support"),
                                    ("arrs_wte", "as_of", "w.as_of"), ("return_item", "text", "text")):
            con = sqlite3.connect(self.db)
            try:
                con.execute(f"ALTER TABLE {table} RENAME COLUMN {column} TO gone")
                con.commit()
                self.assertEqual(self.refused("export", "review", "--year", "2026/27", "--pcn", "U90001", "--out", out),
                                 f"pcn-workbook-cli: Database “{self.db}”: no such column: {said}\n", table)
                self.assertFalse(os.path.exists(out), table)
                con.execute(f"ALTER TABLE {table} RENAME COLUMN gone TO {column}")
                con.commit()
            finally:
                con.close()

    def test_claim_at_the_edge_of_64_bits(self):
        """The most 1.49 WTE can claim, at a rate making 149 × rate + 50
        (rounding half up) exactly 2^63 - 1, is worked out; 2.94 WTE at a
        rate making 294 × rate + 50 one past it is refused, not wrapped to a
        negative sum.  No import takes such a rate; a team database or an
        older file may hold it."""
        self.imported("profiles", "pcn_code,pcn_name,locality,practice_code,practice_name,list_size\n"
                                  "U10001,Only PCN,North,A10001,Only Surgery,9000\n")
        edge = 2 ** 63 - 1
        out = os.path.join(self.dir, "appendix.xlsx")
        for wte, rate, ok in (("1.49", (edge - 50) // 149, True), ("2.94", (edge - 49) // 294, False)):
            self.imported("arrs", f"pcn_code,year,role,wte_in_post\nU10001,2025/26,Paramedic,{wte}\n")
            con = sqlite3.connect(self.db)
            try:
                con.execute("INSERT OR REPLACE INTO arrs_rate (role_id, year, max_pence) "
                            "SELECT id, 2025, ? FROM arrs_role WHERE name = 'Paramedic'", (rate,))
                con.commit()
            finally:
                con.close()
            args = ("export", "appendix", "--year", "2025/26", "--out", out)
            if ok:
                self.cli(*args)
                rows = list(openpyxl.load_workbook(out, data_only=True)["ARRS workforce"].iter_rows(values_only=True))
                self.assertIn((edge // 100) / 100, [v for r in rows for v in r], wte)     # pounds
            else:
                os.remove(out)
                self.assertEqual(self.refused(*args), "pcn-workbook-cli: Sheet “ARRS workforce”: the most the WTE in "
                                 "post can claim is too large to work out. Check the figures entered for 2025/26.\n")
                self.assertFalse(os.path.exists(out))

    def test_review_says_who_reviewed_and_when_as_far_as_known(self):
        """The review's status line: reviewed on a day and by someone, by
        someone on a day not recorded (an older file's return), by nobody
        named, or neither."""
        self.cli("demo")
        out = os.path.join(self.dir, "review.xlsx")
        for at, reviewer, said in (("2027-03-12T10:00:00", "A Head", "reviewed on 12/03/2027 by A Head"),
                                   ("2027-03-12T10:00:00", "", "reviewed on 12/03/2027"),
                                   (None, "A Head", "reviewed by A Head"), ("12/03/2027", "", "reviewed")):
            con = sqlite3.connect(self.db)
            try:
                con.execute("UPDATE pcn_return SET status = 2, reviewed_at = ?, reviewer = ? WHERE year = 2026 AND "
                            "pcn_id = (SELECT id FROM pcn WHERE code = 'U90001')", (at, reviewer))
                con.commit()
            finally:
                con.close()
            self.cli("export", "review", "--year", "2026/27", "--pcn", "U90001", "--out", out)
            self.assertEqual(openpyxl.load_workbook(out).worksheets[0]["A2"].value,
                             f"Locality: Northmoor · Return: {said}", (at, reviewer))

    def test_review_of_no_pcns_and_of_a_code_in_any_case(self):
        out = os.path.join(self.dir, "review.xlsx")
        self.assertEqual(self.refused("export", "review", "--year", "2026/27", "--all", "--out", out),
                         "pcn-workbook-cli: There are no PCNs in the lists for 2026/27\n")
        self.assertFalse(os.path.exists(out))
        self.cli("demo")
        self.cli("export", "review", "--year", "2026/27", "--pcn", "u90002", "--out", out)
        self.assertEqual(openpyxl.load_workbook(out).sheetnames, ["U90002"])

    def test_commands_name_their_second_argument_or_year_when_wrong(self):
        """The INTO of a merge not found is named, the PCN or locality kept;
        a --year that is no financial year is named by import forms and
        returns, before anything is read."""
        self.cli("demo")
        before = self.cli("list", "pcns")
        self.assertEqual(self.refused("pcn", "merge", "U90001", "U12345"),
                         "pcn-workbook-cli: There is no PCN with the code U12345\n")
        self.assertEqual(self.refused("locality", "merge", "Northmoor", "Nowhere"),
                         "pcn-workbook-cli: There is no locality called “Nowhere”\n")
        self.assertEqual(self.cli("list", "pcns"), before)
        for args in (("import", "forms", os.path.join(self.dir, "missing.xlsx"), "--year", "2026"),
                     ("returns", "--year", "2026")):
            self.assertEqual(self.refused(*args), "pcn-workbook-cli: “2026” is not a financial year: write it as "
                             "2021/22 (2021-22, 21/22 and 2021/2022 are also accepted)\n", args)

    def test_form_stops_at_the_first_part_it_cannot_read(self):
        """A return form (of 2025/26: no return the year before) whose
        maturity, SWOT, workforce, DES plan or projects cannot be read is
        not written: the database's message, once (seed 2704)."""
        self.cli("demo")
        folder = os.path.join(self.dir, "forms")
        for table, column, said in (("maturity", "support", "support"), ("return_item", "text", "text"),
                                    ("arrs_wte", "as_of", "w.as_of"), ("des_plan", "note", "note"),
                                    ("plan_entry", "detail", "detail")):
            con = sqlite3.connect(self.db)
            try:
                con.execute(f"ALTER TABLE {table} RENAME COLUMN {column} TO gone")
                con.commit()
                self.assertEqual(self.refused("export", "forms", "--year", "2025/26", "--pcn", "U90001", "--out",
                                              folder),
                                 f"pcn-workbook-cli: Form for U90001: Database “{self.db}”: no such column: {said}\n",
                                 table)
                self.assertEqual(os.listdir(folder), [], table)
                con.execute(f"ALTER TABLE {table} RENAME COLUMN gone TO {column}")
                con.commit()
            finally:
                con.close()

    def test_reference_commands_name_what_they_cannot_find(self):
        self.assertEqual(self.refused("roles", "years", "Astronaut", "2021/22"),
                         "pcn-workbook-cli: There is no role called “Astronaut”\n")
        self.assertEqual(self.refused("contract", "years", "plan", "capacity", "2021/22"),
                         "pcn-workbook-cli: “plan” is neither des nor stream\n")
        self.assertEqual(self.refused("contract", "years", "des", "capacity", "2021/22"),
                         "pcn-workbook-cli: There is no des with the key “capacity”: use a key from contract list\n")
        self.assertEqual(self.refused("contract", "years", "stream", "capacity", "2021/22", "2020/21"),
                         "pcn-workbook-cli: The last year cannot come before the first year\n")


def main():
    tests = [*unittest.defaultTestLoader.loadTestsFromTestCase(Exports),
             *unittest.defaultTestLoader.loadTestsFromTestCase(Small),
             *unittest.defaultTestLoader.loadTestsFromTestCase(Session20),
             *unittest.defaultTestLoader.loadTestsFromTestCase(Session21),
             *unittest.defaultTestLoader.loadTestsFromTestCase(Session22), *pw_tap.cases(FormPlan)]
    return pw_tap.run(tests, FormPlan.setUpClass, FormPlan.tearDownClass)

if __name__ == "__main__":
    sys.exit(main())
