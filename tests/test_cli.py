#!/usr/bin/python3
"""pcn-workbook-cli end to end: real SQLite files, real xlsx files read back
with openpyxl.  Run by meson with PW_CLI pointing at the built program.
SPDX-License-Identifier: GPL-3.0-or-later
"""
import datetime
import os
import sqlite3
import stat
import subprocess
import sys
import tempfile
import unittest

import openpyxl
from openpyxl.utils import get_column_letter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pw_tap  # noqa: E402

CLI = os.environ.get("PW_CLI", "build/app/pcn-workbook-cli")

PROFILES = (
    "pcn_code,pcn_name,locality,practice_code,practice_name,list_size,clinical_director,cd_wte,manager,manager_wte\n"
    "U11111,Alder PCN,North,A11111,Alder Surgery,\"20,000\",Dr One,0.25,Manager One,1\n"
    "U11111,Alder PCN,North,A11112,Brook Practice,20000,,,,\n"
    "U22222,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",South,B22221,Cedar Surgery,8000,Dr Two,0.5,,\n"
    "U33333,Birch PCN,North,C33331,Dale Surgery,12345,,,,\n"
)


DATA = os.path.join(os.environ.get("TESTS_SRCDIR", "tests"), "data")

# An oracle written apart from the C parser: each spelling in the committee
# test data and the canonical level it must become.
CANONICAL = {
    "foundation": "Foundation", "step 1": "Step 1", "step 1/2": "Step 1/2",
    "foundation/ step 1": "Foundation/Step 1", "foundation / step 1": "Foundation/Step 1",
    "step 1-2": "Step 1/2", "step 1 to 2": "Step 1/2", "step 2": "Step 2", "step 2/3": "Step 2/3",
    "pre-foundation": "Pre-foundation", "no score": "No score", "0.5": "Foundation/Step 1",
    "1.5": "Step 1/2", "n/a": "No score", "": "No score", "foundation-step 1": "Foundation/Step 1",
    "2.5": "Step 2/3", "step 2-3": "Step 2/3", "step 3": "Step 3", "pre foundation": "Pre-foundation",
    "1": "Step 1", "foundation to step 1": "Foundation/Step 1",
}
ORDER = ["Pre-foundation", "Foundation", "Foundation/Step 1", "Step 1", "Step 1/2", "Step 2", "Step 2/3",
         "Step 3", "No score"]
DOMAINS = ["Leadership, planning and partnerships", "Use of data and population health management",
           "Integrating care", "Managing resources", "Working with people and communities"]


def read_csv(name):
    import csv
    with open(os.path.join(DATA, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def dump(db):
    con = sqlite3.connect(db)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")]
        return {t: con.execute(f"SELECT * FROM {t}").fetchall() for t in tables}
    finally:
        con.close()


SHEETS = ["Cover", "PCN profiles", "Practices", "Maturity matrix", "Maturity evidence", "Return status",
          "Locality boards", "SWOT", "Achievements", "Plans", "ARRS workforce", "Funding"]


def heading(rows, first, start=0):
    """The index of the first row from @start whose column A is @first: a
    table's headings or a block's label, found by its text wherever the
    layout puts it."""
    for i in range(start, len(rows)):
        if rows[i] and rows[i][0] == first:
            return i
    raise AssertionError(f"no row starts with {first!r}")


def table(rows, first, start=0):
    """(index of the headings, the headings, the rows under them up to a
    blank column A) of the table whose headings start with @first."""
    h = heading(rows, first, start)
    body = []
    for r in rows[h + 1:]:
        if r[0] in (None, ""):
            break
        if r == rows[h] or (isinstance(r[0], str) and r[0].endswith(" (continued)")):
            continue            # the label and headings again after a page break
        body.append(r)
    return h, rows[h], body


def records(rows, first, start=0):
    """The table's rows as {heading: value}."""
    _, head, body = table(rows, first, start)
    return [dict(zip(head, r)) for r in body]


def level_grid(ws, start=0):
    """The PCN x domain grid from row index @start on, whichever way it runs:
    (PCNs as rows?, index of its last heading row, {(PCN name, domain): cell},
    [(locality, PCN name)] in the grid's order)."""
    cells = [list(r) for r in ws.iter_rows()]
    rows = [[c.value for c in r] for r in cells]
    h = heading(rows, "Locality", start)
    grid, order = {}, []
    if rows[h][1] == "PCN":                            # PCNs down, domains across
        assert rows[h][2:2 + len(DOMAINS)] == DOMAINS, rows[h]
        for r in range(h + 1, len(rows)):
            if rows[r][0] in (None, ""):
                break
            order.append((rows[r][0], rows[r][1]))
            for d in range(len(DOMAINS)):
                grid[(rows[r][1], d)] = cells[r][2 + d]
        return True, h, grid, order
    names = rows[h + 1]                                # domains down, PCNs across under a locality band
    assert names[0] == "Domain", names
    band = None
    for col in range(1, len(names)):
        if names[col] is None:
            break
        band = rows[h][col] or band                    # a merged band names its locality in its first cell
        order.append((band, names[col]))
        for d in range(len(DOMAINS)):
            assert rows[h + 2 + d][0] == DOMAINS[d], rows[h + 2 + d]
            grid[(names[col], d)] = cells[h + 2 + d][col]
    return False, h + 1, grid, order


def wte_grid(rows):
    """The WTE in post by role and PCN, whichever way it runs: (PCNs as
    rows?, {(role, PCN name): WTE}, {role: total}, {PCN name: total}, grand
    total), the totals as the sheet prints them."""
    start = heading(rows, "WTE in post by role and PCN")
    _, head, body = table(rows, rows[start + 1][0], start + 1)
    by_pcn = head[0] == "PCN"
    total = head.index("Total")
    grid, across, down, grand = {}, {}, {}, None
    for r in body:
        if r[0] == "TOTAL":
            across = {head[c]: r[c] for c in range(1, total)}
            grand = r[total]
            continue
        down[r[0]] = r[total]
        for c in range(1, total):
            grid[(head[c], r[0]) if by_pcn else (r[0], head[c])] = r[c]
    roles, pcns = (across, down) if by_pcn else (down, across)
    return by_pcn, grid, roles, pcns, grand


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
        self.assertEqual(wb.sheetnames, SHEETS)

        cover = {r[0]: r[1] for r in wb["Cover"].iter_rows(min_row=3, values_only=True) if r[0]}
        self.assertEqual(cover["Committee"], "Primary Care Commissioning Committee")
        self.assertEqual(cover["Financial year"], "2021/22")
        self.assertEqual(cover["Agenda item"], "7.2")
        self.assertEqual(cover["Meeting date"].strftime("%d/%m/%Y"), "25/11/2021")
        self.assertIsNotNone(cover["Data exported"])

        ws = wb["PCN profiles"]
        rows = list(ws.iter_rows(values_only=True))
        h, head, body = table(rows, "PCN code")
        self.assertEqual(head, ("PCN code", "PCN name", "Locality", "Clinical director", "CD WTE",
                                "PCN manager", "Manager WTE", "Practices", "Population", "Established"))
        # Grouped by locality, then by name; the formula-looking name stays text.
        self.assertEqual([r[0] for r in body], ["U11111", "U33333", "U22222", "TOTAL"])
        col = {name: i for i, name in enumerate(head)}
        self.assertEqual(body[0][col["CD WTE"]], 0.25)
        self.assertEqual(body[0][col["Manager WTE"]], 1)
        self.assertIsInstance(body[0][col["Population"]], int)
        self.assertEqual(body[0][col["Population"]], 40000)
        self.assertIsNone(body[1][col["CD WTE"]])          # WTE not given: empty, not 0
        self.assertIsNone(body[0][col["Established"]])     # no date given: empty
        name_cell = ws.cell(row=h + 4, column=col["PCN name"] + 1)
        self.assertEqual(name_cell.data_type, "s")
        self.assertEqual(name_cell.value, '=HYPERLINK("http://x","y")')
        first, last, total = h + 2, h + 4, h + 5          # 1-based rows of the PCNs and their TOTAL
        for name in ("Practices", "Population"):
            letter = get_column_letter(col[name] + 1)
            self.assertEqual(ws.cell(row=total, column=col[name] + 1).value, f"=SUM({letter}{first}:{letter}{last})")

        # One row per practice, with its list size, and their TOTAL.
        practices = records(list(wb["Practices"].iter_rows(values_only=True)), "PCN code")
        self.assertEqual([(p["Practice code"], p["List size"]) for p in practices[:-1]],
                         [("A11111", 20000), ("A11112", 20000), ("C33331", 12345), ("B22221", 8000)])
        self.assertEqual(practices[-1]["PCN code"], "TOTAL")

        # No returns: every level says "No return" (not "No score"), under a
        # band naming each locality once over its PCNs' columns.
        by_pcn, band, grid, order = level_grid(wb["Maturity matrix"])
        self.assertFalse(by_pcn)                           # 3 PCNs run across
        self.assertEqual(order, [("North", "Alder PCN"), ("North", "Birch PCN"), ("South", '=HYPERLINK("http://x","y")')])
        self.assertEqual({c.value for c in grid.values()}, {"No return"})
        self.assertIn(f"B{band}:C{band}", {str(r) for r in wb["Maturity matrix"].merged_cells.ranges})

        for sheet in wb.worksheets:
            self.assertEqual(sheet.page_setup.orientation, "landscape", sheet.title)
            self.assertEqual(int(sheet.page_setup.paperSize), 9, sheet.title)
            # Never shrunk to fit: printed at 80 % or more, so 10 pt text stays 8 pt or larger.
            self.assertFalse(sheet.sheet_properties.pageSetUpPr and sheet.sheet_properties.pageSetUpPr.fitToPage,
                             sheet.title)
            self.assertGreaterEqual(int(sheet.page_setup.scale or 100), 80, sheet.title)
            self.assertIn("OFFICIAL", sheet.oddHeader.center.text, sheet.title)
            self.assertEqual(sheet.oddFooter.right.text, "Page &P of &N", sheet.title)
            if sheet.title != "Cover":                     # each page says what it is
                self.assertEqual(sheet["A1"].value.split(" · ")[1:], ["2021/22", "All localities (3 PCNs)"], sheet.title)
                self.assertTrue(sheet.print_title_rows.startswith("$1:"), sheet.title)
        # The title and the column headings print on every page and stay in view.
        self.assertEqual(ws.print_title_rows, f"$1:${h + 1}")
        self.assertEqual(ws.freeze_panes, f"C{h + 2}")

    def test_export_author_with_control_character(self):
        # A pasted control character in the author must not reach the
        # file's properties, where XML forbids it and no spreadsheet opens it.
        self.imported()
        out = os.path.join(self.dir, "appendix.xlsx")
        self.run_cli("export", "appendix", "--year", "21/22", "--out", out, "--author", "\x01Ann")
        wb = openpyxl.load_workbook(out)
        self.assertEqual(wb.properties.creator, "Ann")

    def test_export_cached_totals(self):
        """Readers that do not recalculate show the cached totals."""
        self.imported()
        # A later line that leaves a WTE blank keeps the one given earlier.
        con = sqlite3.connect(self.db)
        self.assertEqual(con.execute("SELECT cd_wte, manager_wte FROM pcn WHERE code = 'U11111'").fetchone(), (25, 100))
        con.close()
        out = os.path.join(self.dir, "appendix.xlsx")
        self.export(out)
        wb = openpyxl.load_workbook(out, data_only=True)
        total = records(list(wb["PCN profiles"].iter_rows(values_only=True)), "PCN code")[-1]
        self.assertEqual(total["PCN code"], "TOTAL")
        self.assertEqual(total["Population"], 60345)
        self.assertEqual(total["Practices"], 4)
        self.assertEqual(total["CD WTE"], 0.75)
        total = records(list(wb["Practices"].iter_rows(values_only=True)), "PCN code")[-1]
        self.assertEqual((total["PCN code"], total["List size"]), ("TOTAL", 60345))

    def test_export_failure_keeps_old_file(self):
        self.imported()
        out = os.path.join(self.dir, "appendix.xlsx")
        self.export(out)                                   # an earlier export, which a failed one must keep
        with open(out, "rb") as f:
            before = f.read()
        # The funding table is gone: the export gets as far as writing sheets
        # into its temporary file (ARRS workforce reads funding), then fails there.
        con = sqlite3.connect(self.db)
        con.execute("DROP TABLE funding")
        con.commit()
        con.close()
        p = self.export(out, ok=False)
        self.assertIn("funding", p.stderr)
        self.assertEqual(len(p.stderr.splitlines()), 1, p.stderr)   # one clear message, no warnings
        with open(out, "rb") as f:
            self.assertEqual(f.read(), before)
        self.assertEqual([n for n in os.listdir(self.dir) if n.startswith(".")], [])
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
        out = os.path.join(self.dir, "appendix.xlsx")
        for given in (["--year", "2021/22"], ["--out", out]):
            p = self.run_cli("export", "appendix", *given, ok=False)
            self.assertIn("export needs --year (such as 2021/22) and --out FILE.xlsx", p.stderr)
            self.assertFalse(os.path.exists(out))

    def test_forms_review_and_copy_need_their_options(self):
        """Each of a command's needed options left out alone (or all) is
        named, and nothing is written."""
        self.imported()
        folder = os.path.join(self.dir, "forms")
        for given in ([], ["--year", "2021/22"], ["--out", folder]):
            p = self.run_cli("export", "forms", *given, ok=False)
            self.assertEqual(p.stderr, "pcn-workbook-cli: export forms needs --year (such as 2026/27) and --out FOLDER\n")
            self.assertFalse(os.path.exists(folder))
        out = os.path.join(self.dir, "review.xlsx")
        for given in (["--pcn", "U12345"], ["--all"]):
            for more in (["--year", "2021/22"], ["--out", out]):
                p = self.run_cli("export", "review", *given, *more, ok=False)
                self.assertIn("export needs --year (such as 2021/22) and --out FILE.xlsx", p.stderr)
        copy = os.path.join(self.dir, "copy.db")
        for given in ([], ["--from", self.db], ["--to", copy]):
            p = subprocess.run([CLI, "copy", *given], capture_output=True, text=True)
            self.assertEqual((p.returncode, p.stderr), (1, "pcn-workbook-cli: copy needs --from WORKBOOK and --to WORKBOOK\n"))
            self.assertFalse(os.path.exists(copy))
        self.assertFalse(os.path.exists(out))

    def test_wide_matrix_prints_across_pages(self):
        """Nothing is squeezed to one page width: past a page width at 80 %
        the maturity matrix turns its PCNs into rows, and a grid still too
        wide (the ARRS grid's roles) runs across pages, its label column
        repeated on each."""
        rows = ["pcn_code,pcn_name,locality,practice_code,practice_name,list_size"]
        for i in range(40):
            rows.append(f"U8{i:04d},Network {i} PCN,Area {i % 5},P8{i:04d},Practice {i},{5000 + i}")
        self.run_cli("init")
        self.run_cli("import", "profiles", self.write("wide.csv", "\n".join(rows) + "\n"))
        roles = [r[0] for r in (l.split("\t") for l in self.run_cli("roles", "list").stdout.splitlines())
                 if r[1] <= "2021/22" and r[2] == ""]
        self.assertGreater(len(roles), 14)                 # more than fit across one page
        wte = {(roles[i % len(roles)], f"Network {i} PCN"): 1.5 for i in range(40)}
        self.run_cli("import", "arrs", self.write("arrs.csv", "pcn_code,year,role,wte_in_post\n" + "".join(
            f"U8{i:04d},2021/22,{roles[i % len(roles)]},1.5\n" for i in range(40))))
        out = os.path.join(self.dir, "wide.xlsx")
        self.export(out)
        wb = openpyxl.load_workbook(out)
        for ws in wb.worksheets:
            self.assertFalse(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage, ws.title)
            self.assertGreaterEqual(int(ws.page_setup.scale or 100), 80, ws.title)
        ws = wb["Maturity matrix"]
        by_pcn, h, grid, order = level_grid(ws)
        self.assertTrue(by_pcn)
        self.assertEqual(sorted(name for _, name in order), sorted(f"Network {i} PCN" for i in range(40)))
        self.assertEqual(order, sorted(order))             # grouped by locality, then by name
        self.assertEqual({c.value for c in grid.values()}, {"No score"})   # returns (of ARRS) with no levels
        self.assertEqual(ws.print_title_rows, f"$1:${h + 1}")   # the title and the headings on every page
        self.assertIsNone(ws.print_title_cols)             # one page wide
        ws = wb["ARRS workforce"]
        values = openpyxl.load_workbook(out, data_only=True)["ARRS workforce"]
        by_pcn, grid, role_totals, pcn_totals, total = wte_grid(list(values.iter_rows(values_only=True)))
        self.assertTrue(by_pcn)
        self.assertEqual(sorted(role_totals), sorted(roles))
        self.assertEqual({k: v for k, v in grid.items() if v is not None}, wte)   # blank where not given
        self.assertEqual(set(pcn_totals.values()), {1.5})
        self.assertAlmostEqual(total, 60.0)
        self.assertEqual(ws.print_title_cols, "$A:$A")     # the PCN names on every page across
        self.assertEqual(ws.print_title_rows, "$1:$1")

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


class Maturity(Cli):
    """A committee of 19 PCNs whose returns spell levels as real papers do."""

    def setUp(self):
        super().setUp()
        self.run_cli("init")
        self.run_cli("import", "profiles", os.path.join(DATA, "committee-profiles.csv"))

    def import_year(self, year, ok=True):
        return self.run_cli("import", "maturity", os.path.join(DATA, f"committee-maturity-{year}.csv"), ok=ok)

    def expected(self, year):
        """(pcn name, domain index) -> canonical level, from the CSV and the oracle."""
        names = {r["pcn_code"]: r["pcn_name"] for r in read_csv("committee-profiles.csv")}
        want = {}
        for r in read_csv(f"committee-maturity-{year}.csv"):
            domain = [d.lower().replace(",", "") for d in DOMAINS].index(
                next(d.lower().replace(",", "") for d in DOMAINS
                     if d.lower().replace(",", "").startswith(r["domain"].lower().replace(",", "").replace("&", "and"))))
            want[(names[r["pcn_code"]], domain)] = CANONICAL[" ".join(r["level"].lower().split())]
        return want

    def test_import_is_idempotent(self):
        p = self.import_year(2021)
        self.assertIn("95 rows: 19 new returns", p.stdout)
        before = dump(self.db)
        p = self.import_year(2021)
        self.assertIn("0 new returns, 0 values changed", p.stdout)
        after = dump(self.db)
        self.assertEqual({k: v for k, v in before.items() if k != "change_log"},
                         {k: v for k, v in after.items() if k != "change_log"})
        self.assertEqual(len(before["change_log"]), len(after["change_log"]))

    def test_required_columns_only(self):
        path = self.write("short.csv", "pcn_code,year,domain,level\nU70001,2021/22,people,Step 2/3\n")
        p = self.run_cli("import", "maturity", path)
        self.assertIn("1 rows: 1 new returns, 1 values changed", p.stdout)
        con = sqlite3.connect(self.db)
        self.assertEqual(con.execute("SELECT domain, level, evidence FROM maturity").fetchall(), [("people", 5, "")])
        con.close()

    def test_import_tells_kind_by_header(self):
        p = self.run_cli("import", os.path.join(DATA, "committee-maturity-2021.csv"))
        self.assertIn("95 rows: 19 new returns", p.stdout)
        path = self.write("odd.csv", "colour,size\nred,1\n")
        p = self.run_cli("import", path, ok=False)
        self.assertIn("odd.csv: line 1 (the header)", p.stderr)
        self.assertIn("pcn_code,year,domain,level", p.stderr)

    def test_returns_listing(self):
        self.import_year(2021)
        lines = self.run_cli("returns", "--year", "2021/22").stdout.splitlines()
        self.assertEqual(len(lines), 19)
        self.assertTrue(all(l.split("\t")[0] == "2021/22" and l.split("\t")[3] == "Draft" for l in lines))
        lines = self.run_cli("returns", "--year", "2019/20").stdout.splitlines()
        self.assertTrue(all(l.split("\t")[3] == "No return" for l in lines))

    def shown(self, level):
        """A level as the grid prints it from a return not yet reviewed (all
        imported returns are drafts): marked with a dagger, but for No score."""
        return level if level == "No score" else level + " †"

    def test_matrix_sheet(self):
        self.import_year(2020)
        self.import_year(2021)
        out = os.path.join(self.dir, "appendix.xlsx")
        self.export_year(out)
        wb = openpyxl.load_workbook(out)
        self.assertEqual(wb.sheetnames, SHEETS)
        ws = wb["Maturity matrix"]
        profiles = read_csv("committee-profiles.csv")
        locality = {r["pcn_name"]: r["locality"] for r in profiles}
        # 19 PCNs do not fit across a page at 80 %: one row each, under the domains.
        by_pcn, h, grid, order = level_grid(ws)
        self.assertTrue(by_pcn)
        # Grouped by locality, then by name; each row names its locality.
        self.assertEqual(order, sorted((locality[n], n) for n in locality))
        self.assertEqual({l for l, _ in order}, {"East", "North", "South", "West"})
        want = self.expected(2021)
        self.assertEqual(set(grid), set(want))
        for (name, d), cell in grid.items():
            self.assertEqual(cell.value, self.shown(want[(name, d)]), (name, d))
            self.assertEqual(cell.data_type, "s")
            self.assertEqual(cell.fill.fgColor.rgb[-6:].upper(), FILLS[want[(name, d)]], (name, d))
        # The key shows the same fills, and says what the dagger means.
        rows = list(ws.iter_rows(values_only=True))
        key = heading(rows, "Key")
        self.assertEqual({ws.cell(key + 2 + i, 1).value: ws.cell(key + 2 + i, 1).fill.fgColor.rgb[-6:].upper()
                          for i in range(len(ORDER))}, FILLS)
        self.assertTrue(any("†" in str(r[0]) and "not yet reviewed" in str(r[0]) for r in rows[key:]))
        # Counts: one row per level, one column per domain, each adding up to 19 PCNs.
        start, head, body = table(rows, "Level", heading(rows, "Number of PCNs at each level"))
        cols = [head.index(name) for name in DOMAINS]
        self.assertEqual([r[0] for r in body], ORDER + ["Total"])
        for d, c in enumerate(cols):
            expect = [sum(1 for (n, dd), lvl in want.items() if dd == d and lvl == level) for level in ORDER]
            self.assertEqual([r[c] for r in body[:-1]], expect, DOMAINS[d])
            self.assertEqual(body[-1][c], 19)
            # Boxed and centred, so the grid of counts reads on paper.
            for r in range(len(ORDER)):
                cell = ws.cell(start + 2 + r, c + 1)
                self.assertEqual((cell.border.left.style, cell.border.bottom.style), ("thin", "thin"), cell.coordinate)
                self.assertEqual(cell.alignment.horizontal, "center", cell.coordinate)
        # Year-on-year change, in a grid laid out as the levels' one.
        prev = self.expected(2020)
        change = heading(rows, "Change since 2020/21 (↑ up, ↓ down, = same; blank where a year has no score)")
        by_pcn, _, marks, change_order = level_grid(ws, change)
        self.assertTrue(by_pcn)
        self.assertEqual(change_order, order)
        for (name, d), cell in marks.items():
            a, b = prev[(name, d)], want[(name, d)]
            mark = "" if "No score" in (a, b) else ("↑" if ORDER.index(b) > ORDER.index(a)
                                                    else "↓" if ORDER.index(b) < ORDER.index(a) else "=")
            self.assertEqual(cell.value or "", mark, (name, d, a, b))
        # The title and the headings print on every page; locality and PCN stay in view.
        self.assertEqual(ws.print_title_rows, f"$1:${h + 1}")
        self.assertEqual(ws.freeze_panes, f"C{h + 2}")

    def test_matrix_sheet_by_domain(self):
        """A locality's PCNs fit across a page: domains down, PCNs across under
        the locality's band."""
        self.import_year(2021)
        out = os.path.join(self.dir, "east.xlsx")
        self.run_cli("export", "appendix", "--year", "2021/22", "--locality", "East", "--out", out)
        ws = openpyxl.load_workbook(out)["Maturity matrix"]
        by_pcn, h, grid, order = level_grid(ws)
        self.assertFalse(by_pcn)
        east = sorted(r["pcn_name"] for r in read_csv("committee-profiles.csv") if r["locality"] == "East")
        self.assertEqual(order, [("East", n) for n in sorted(set(east))])
        self.assertIn(f"B{h}:{get_column_letter(1 + len(order))}{h}", {str(r) for r in ws.merged_cells.ranges})
        want = self.expected(2021)
        for (name, d), cell in grid.items():
            self.assertEqual(cell.value, self.shown(want[(name, d)]), (name, d))
            self.assertEqual(cell.fill.fgColor.rgb[-6:].upper(), FILLS[want[(name, d)]], (name, d))
        self.assertEqual(len(grid), 5 * len(order))
        self.assertEqual(ws.print_title_rows, f"$1:${h + 1}")
        self.assertEqual(ws.freeze_panes, f"B{h + 2}")

    def test_no_change_table_without_last_year(self):
        self.import_year(2021)
        out = os.path.join(self.dir, "appendix.xlsx")
        self.export_year(out)
        ws = openpyxl.load_workbook(out)["Maturity matrix"]
        self.assertFalse(any(str(r[0] or "").startswith("Change since") for r in ws.iter_rows(values_only=True)))

    def test_return_status_sheet(self):
        self.import_year(2021)
        out = os.path.join(self.dir, "appendix.xlsx")
        self.export_year(out)
        ws = openpyxl.load_workbook(out)["Return status"]
        rows = list(ws.iter_rows(values_only=True))
        h, head, body = table(rows, "PCN code")
        self.assertEqual(head[:4], ("PCN code", "PCN name", "Locality", "Status"))
        self.assertEqual(sorted(r[0] for r in body), sorted({r["pcn_code"] for r in read_csv("committee-profiles.csv")}))
        self.assertTrue(all(r[3] == "Draft" for r in body))
        self.assertTrue(all(r[4] is None and r[5] is None for r in body))
        self.assertEqual(len(rows), h + 1 + 19)            # nothing under the table
        # A submitted and a reviewed return show their dates as dates
        # (kills a dropped pw_cell_date in pw-export-status.c).
        first, second = sorted(r[0] for r in body)[:2]
        with sqlite3.connect(self.db) as db:
            db.execute("UPDATE pcn_return SET status = 1, submitted_at = '2021-09-30'"
                       " WHERE pcn_id = (SELECT id FROM pcn WHERE code = ?)", (first,))
            db.execute("UPDATE pcn_return SET status = 2, submitted_at = '2021-09-29',"
                       " reviewed_at = '2021-10-04', reviewer = 'A. Head'"
                       " WHERE pcn_id = (SELECT id FROM pcn WHERE code = ?)", (second,))
        db.close()
        self.export_year(out)
        ws = openpyxl.load_workbook(out)["Return status"]
        by_code = {r[0]: r for r in table(list(ws.iter_rows(values_only=True)), "PCN code")[2]}
        self.assertEqual(by_code[first][3:6], ("Submitted", datetime.datetime(2021, 9, 30), None))
        self.assertEqual(by_code[second][3:7], ("Reviewed", datetime.datetime(2021, 9, 29),
                                                datetime.datetime(2021, 10, 4), "A. Head"))
        self.assertEqual(ws.print_title_rows, f"$1:${h + 1}")
        # Wider than a page at 80 %: the review notes run onto a page of their
        # own, with the PCN's code and name repeated there.
        self.assertGreaterEqual(int(ws.page_setup.scale or 100), 80)
        self.assertEqual(ws.print_title_cols, "$A:$B")

    def export_year(self, out):
        self.run_cli("export", "appendix", "--year", "2021/22", "--out", out)

    def bad(self, name, rows, *expect):
        before = dump(self.db)
        path = self.write(name, "pcn_code,year,domain,level\n" + rows)
        p = self.run_cli("import", "maturity", path, ok=False)
        for e in expect:
            self.assertIn(e, p.stderr)
        self.assertEqual(before, dump(self.db))

    def test_bad_files_change_nothing(self):
        self.import_year(2021)
        self.bad("level.csv", "U70001,2021/22,leadership,Step 1\nU70002,2021/22,data,Step 4\n",
                 "level.csv: line 3, column 4 (level)", "Step 4", "Step 1/2", "0.5")
        self.bad("domain.csv", "U70001,2021/22,Finance,Step 1\n", "line 2, column 3 (domain)", "Integrating care")
        self.bad("pcn.csv", "U79999,2021/22,data,Step 1\n", "line 2, column 1 (pcn_code)", "U79999",
                 "import its profile first")
        self.bad("year.csv", "U70001,2021/23,data,Step 1\n", "line 2, column 2 (year)", "2021/22")
        self.bad("twice.csv", "U70001,2021/22,data,Step 1\nU70001,21/22,Use of data,Step 2\n",
                 "line 3, column 3 (domain)", "line 2")


class Plans(Cli):
    """SWOT, achievements and plans: imports and the sheets."""

    EVIL = "=cmd|' /C calc'!A0"
    LONG = ("The practices' shared estate cannot house the additional roles we plan to recruit; " * 30)[:2000]

    def setUp(self):
        super().setUp()
        self.run_cli("init")
        self.run_cli("import", "profiles", os.path.join(DATA, "committee-profiles.csv"))
        import csv
        rows = [["pcn_code", "year", "quadrant", "text"],
                ["U70001", "2021/22", "S", "Strong clinical leadership"],
                ["U70001", "2021/22", "strengths", "Good estates, with room to grow"],
                ["U70001", "2021/22", "w", "Data sharing not agreed"],
                ["U70001", "2021/22", "Opportunities", self.EVIL],
                ["U70001", "2021/22", "THREAT", self.LONG],
                ["U70002", "2021/22", "O", "+44 is not a formula either"]]
        with open(os.path.join(self.dir, "swot.csv"), "w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(rows)

    def swot(self, ok=True):
        return self.run_cli("import", "swot", os.path.join(self.dir, "swot.csv"), ok=ok)

    def test_swot_import_is_idempotent(self):
        p = self.swot()
        self.assertIn("6 rows: 2 new returns, 6 items added", p.stdout)
        before = dump(self.db)
        p = self.swot()
        self.assertIn("0 new returns, 0 items added", p.stdout)
        self.assertEqual(before["return_item"], dump(self.db)["return_item"])

    def test_bad_swot_changes_nothing(self):
        self.swot()
        before = dump(self.db)
        path = self.write("bad.csv", "pcn_code,year,quadrant,text\nU70001,2021/22,S,Fine\nU70001,2021/22,X,Nope\n")
        p = self.run_cli("import", "swot", path, ok=False)
        self.assertIn("bad.csv: line 3, column 3 (quadrant)", p.stderr)
        self.assertIn("Opportunities", p.stderr)
        path = self.write("empty.csv", "pcn_code,year,quadrant,text\nU70001,2021/22,S,  \n")
        p = self.run_cli("import", "swot", path, ok=False)
        self.assertIn("line 2, column 4 (text)", p.stderr)
        path = self.write("ach.csv", "pcn_code,year,text\nU70001,2021/22,Flu clinics\nU7000,2021/22,Oops\n")
        p = self.run_cli("import", "achievements", path, ok=False)
        self.assertIn("ach.csv: line 3, column 1 (pcn_code)", p.stderr)
        self.assertEqual(before, dump(self.db))

    def test_sheets(self):
        self.swot()
        path = self.write("ach.csv", "pcn_code,year,text\nU70001,2021/22,\"Flu clinics for 4,000 people\"\n"
                                     "U70001,2021/22,Weekly care home rounds\n")
        self.run_cli("import", "achievements", path)
        out = os.path.join(self.dir, "appendix.xlsx")
        self.run_cli("export", "appendix", "--year", "2021/22", "--out", out)
        wb = openpyxl.load_workbook(out)
        self.assertEqual(wb.sheetnames[-5:-2], ["SWOT", "Achievements", "Plans"])

        ws = wb["SWOT"]
        cells = {c.value: c for row in ws.iter_rows() for c in row if c.value is not None}
        # Typed text stays text: never a formula, however it starts.
        self.assertEqual(cells[self.EVIL].data_type, "s")
        self.assertEqual(cells["+44 is not a formula either"].data_type, "s")
        self.assertIn(self.LONG, cells)
        self.assertTrue(cells[self.LONG].alignment.wrap_text)
        self.assertGreater(ws.row_dimensions[cells[self.LONG].row].height, 300)
        # Each quadrant in its own column, items in order, under the PCN's block.
        heading = [c for v, c in cells.items() if str(v).startswith("Brookvale PCN (U70001)")][0]
        header_row = heading.row + 1
        self.assertEqual([ws.cell(header_row, c).value for c in range(1, 5)],
                         ["Strengths", "Weaknesses", "Opportunities", "Threats"])
        self.assertEqual(ws.cell(header_row + 1, 1).value, "Strong clinical leadership")
        self.assertEqual(ws.cell(header_row + 2, 1).value, "Good estates, with room to grow")
        self.assertEqual(ws.cell(header_row + 1, 2).value, "Data sharing not agreed")
        self.assertEqual(ws.cell(header_row + 1, 4).value, self.LONG)
        self.assertEqual(ws.page_setup.orientation, "landscape")

        ws = wb["Achievements"]
        h, head, body = table(list(ws.iter_rows(values_only=True)), "PCN code")
        self.assertEqual(head, ("PCN code", "PCN name", "Locality", "No.", "Achievement"))
        self.assertEqual([r[3:] for r in body], [(1, "Flu clinics for 4,000 people"), (2, "Weekly care home rounds")])
        self.assertEqual(body[0][:3], ("U70001", "Brookvale PCN", "South"))
        self.assertEqual(ws.print_title_rows, f"$1:${h + 1}")

        plans = list(wb["Plans"].iter_rows(values_only=True))
        _, head, body = table(plans, "PCN")
        self.assertEqual(head[:3], ("PCN", "Structured medication review and medicines optimisation",
                                    "Enhanced health in care homes"))
        self.assertEqual(len(body), 19)                    # the DES grid: a row per PCN
        self.assertEqual(plans[-1][0], "TOTAL")
        self.assertEqual(plans[-1][3], 0)


class Workforce(Cli):
    """ARRS roles, workforce and funding: imports and the sheets."""

    def setUp(self):
        super().setUp()
        self.run_cli("init")
        self.run_cli("import", "profiles", os.path.join(DATA, "committee-profiles.csv"))

    def test_roles(self):
        names = [l.split("\t")[0] for l in self.run_cli("roles", "list").stdout.splitlines()]
        for role in ("Clinical pharmacist", "Social prescribing link worker", "Paramedic", "GP assistant",
                     "Digital and transformation lead", "Trainee nursing associate"):
            self.assertIn(role, names)
        self.run_cli("roles", "add", "Home/RR Paramedic", "--first-year", "2021/22")
        self.assertIn("Home/RR Paramedic\t2021/22\tlocal", self.run_cli("roles", "list").stdout)
        p = self.run_cli("roles", "retire", "Home/RR Paramedic")
        self.assertEqual(p.stdout, "Retired the role “Home/RR Paramedic”\n")
        self.assertIn("Home/RR Paramedic\t2021/22\tretired", self.run_cli("roles", "list").stdout)
        p = self.run_cli("roles", "retire", "No such role", ok=False)
        self.assertIn("No such role", p.stderr)

    def test_unknown_role_suggests(self):
        before = dump(self.db)
        path = self.write("arrs.csv", "pcn_code,year,role,wte_in_post\nU70001,2021/22,Clinical pharmacist,1\n"
                                      "U70002,2021/22,Clinical Pharmacyst,1\n")
        p = self.run_cli("import", "arrs", path, ok=False)
        self.assertIn("arrs.csv: line 3, column 3 (role)", p.stderr)
        self.assertIn("“Clinical pharmacist”", p.stderr)
        self.assertEqual(before, dump(self.db))
        # The nearest names first, three at most.
        for name in ("Team W", "Team X", "Team Y", "Team Z", "Team ZZZ"):
            self.run_cli("roles", "add", name)
        before = dump(self.db)
        path = self.write("team.csv", "pcn_code,year,role,wte_in_post\nU70001,2021/22,Team V,1\n")
        p = self.run_cli("import", "arrs", path, ok=False)
        self.assertIn("“Team W” or “Team X” or “Team Y”", p.stderr)
        self.assertNotIn("Team Z", p.stderr)
        self.assertEqual(before, dump(self.db))
        path = self.write("neg.csv", "pcn_code,year,role,wte_in_post\nU70001,2021/22,Paramedic,-1\n")
        p = self.run_cli("import", "arrs", path, ok=False)
        self.assertIn("line 2, column 4 (wte_in_post)", p.stderr)
        self.assertEqual(before, dump(self.db))

    def test_claimable_with_rates(self):
        self.run_cli("roles", "rate", "Clinical pharmacist", "£55,670.00", "--year", "2021/22")
        p = self.run_cli("roles", "rate", "Clinical pharmacist", "lots", "--year", "2021/22", ok=False)
        self.assertIn("lots", p.stderr)
        path = self.write("arrs.csv", "pcn_code,year,role,wte_in_post\nU70001,2021/22,Clinical pharmacist,2.5\n")
        self.run_cli("import", "arrs", path)
        path = self.write("funding.csv", "pcn_code,year,stream,amount\nU70001,2021/22,arrs,200000\n")
        self.run_cli("import", "funding", path)
        out = os.path.join(self.dir, "appendix.xlsx")
        self.run_cli("export", "appendix", "--year", "2021/22", "--out", out)
        rows = list(openpyxl.load_workbook(out)["ARRS workforce"].iter_rows(values_only=True))
        brook = [r for r in rows if r[0] == "Brookvale PCN"][-1]
        self.assertEqual(brook[1:4], (200000, 139175, 60825))   # 2.5 x £55,670.00 = £139,175.00
        # Half a penny goes up: 0.5 x £33,333.33 = £16,666.665 -> £16,666.67.
        self.run_cli("roles", "rate", "Paramedic", "£33,333.33", "--year", "2021/22")
        path = self.write("more.csv", "pcn_code,year,role,wte_in_post\nU70001,2021/22,Paramedic,0.5\n")
        self.run_cli("import", "arrs", path)
        self.run_cli("export", "appendix", "--year", "2021/22", "--out", out)
        rows = list(openpyxl.load_workbook(out)["ARRS workforce"].iter_rows(values_only=True))
        brook = [r for r in rows if r[0] == "Brookvale PCN"][-1]
        self.assertEqual(brook[2], 155841.67)
        self.assertEqual(round(brook[3], 2), 44158.33)

    def test_exact_total_and_chart(self):
        """1,408 rows of 0.1 WTE total exactly 140.8 in the TOTAL row."""
        import zipfile
        rows = ["pcn_code,year,role,wte_in_post,headcount,wte_planned"]
        # 1,408 local roles, added directly: 1,408 runs of "roles add" would only be slow.
        con = sqlite3.connect(self.db)
        con.executemany("INSERT INTO arrs_role (name, local) VALUES (?, 1)", [(f"Local role {i:04d}",) for i in range(1408)])
        con.commit()
        con.close()
        for i in range(1408):
            rows.append(f"U7{i % 19:04d},2021/22,Local role {i:04d},0.1,1,0.2")
        path = self.write("big.csv", "\n".join(rows) + "\n")
        p = self.run_cli("import", "arrs", path)
        self.assertIn("1408 rows: 19 new returns, 1408 roles recorded", p.stdout)
        out = os.path.join(self.dir, "appendix.xlsx")
        self.run_cli("export", "appendix", "--year", "2021/22", "--out", out)
        ws = openpyxl.load_workbook(out, data_only=True)["ARRS workforce"]
        rows = list(ws.iter_rows(values_only=True))
        _, head, body = table(rows, "Role")
        self.assertEqual(head[:4], ("Role", "WTE in post", "Headcount", "Planned WTE"))
        total = body[-1]
        self.assertEqual(total[:4], ("TOTAL", 140.8, 1408, 281.6))
        self.assertEqual(len(body), 1409)
        self.assertIsInstance(body[0][1], float)
        with zipfile.ZipFile(out) as z:
            self.assertIn("xl/charts/chart1.xml", z.namelist())
            chart = z.read("xl/charts/chart1.xml").decode()
        self.assertIn("barChart", chart)
        self.assertIn("ARRS workforce", chart)

    def test_breakdown_and_funding(self):
        path = self.write("arrs.csv", "pcn_code,year,role,wte_in_post,headcount,wte_planned,as_of\n"
                                      "U70001,2021/22,Clinical pharmacist,2.5,3,3,31/12/2021\n"
                                      "U70001,2021/22,Paramedic,0.6,1,1,\n"
                                      "U70002,2021/22,Clinical pharmacist,1.2,2,1.5,\n")
        self.run_cli("import", "arrs", path)
        path = self.write("funding.csv", "pcn_code,year,stream,amount\n"
                                         "U70001,2021/22,arrs,\"£250,000.00\"\n"
                                         "U70001,2021/22,development,rate:0.66\n"
                                         "U70002,2021/22,Clinical director,1234.56\n")
        p = self.run_cli("import", "funding", path)
        self.assertIn("3 rows: 3 funding lines recorded", p.stdout)
        bad = self.write("bad.csv", "pcn_code,year,stream,amount\nU70001,2021/22,arrs,lots\n")
        before = dump(self.db)
        p = self.run_cli("import", "funding", bad, ok=False)
        self.assertIn("bad.csv: line 2, column 4 (amount)", p.stderr)
        self.assertEqual(before, dump(self.db))

        out = os.path.join(self.dir, "appendix.xlsx")
        self.run_cli("export", "appendix", "--year", "2021/22", "--out", out)
        wb = openpyxl.load_workbook(out, data_only=True)
        self.assertEqual(wb.sheetnames[-2:], ["ARRS workforce", "Funding"])
        rows = list(wb["ARRS workforce"].iter_rows(values_only=True))
        by_pcn, grid, roles, pcns, total = wte_grid(rows)
        self.assertTrue(by_pcn)                            # 19 PCNs do not fit across a page: one row each
        self.assertEqual(len(pcns), 19)
        self.assertEqual(grid[("Clinical pharmacist", "Brookvale PCN")], 2.5)
        self.assertIsNone(grid[("Paramedic", "Castlegate PCN")])     # not given: blank, not 0.00
        self.assertEqual(roles["Clinical pharmacist"], 3.7)
        self.assertEqual(total, 4.3)
        self.assertEqual(pcns["Brookvale PCN"], 3.1)
        self.assertIsNone(pcns["Dunmore PCN"])             # a PCN with no figures has no total either

        budget = records(rows, "PCN", heading(rows, "ARRS budget and the most the WTE in post can claim "
                                                     "(where the role’s rate is known)"))
        brook_budget = [r for r in budget if r["PCN"] == "Brookvale PCN"][0]
        self.assertEqual(brook_budget["ARRS budget"], 250000)
        self.assertIsNone(brook_budget["Max claimable"])   # no rates known: nothing claimed
        self.assertEqual(brook_budget["WTE as of"].strftime("%d/%m/%Y"), "31/12/2021")
        budget_total = [r for r in budget if r["PCN"] == "TOTAL"][0]
        self.assertEqual(budget_total["ARRS budget"], 250000)
        self.assertIsNone(budget_total["Max claimable"])   # £0.00 would read as a claim worked out to nothing
        self.assertTrue(any(str(r[0]).startswith("No rate for 2021/22") and "Clinical pharmacist" in r[0]
                            for r in rows if r[0]))
        funding = list(wb["Funding"].iter_rows(values_only=True))
        _, head, _ = table(funding, "PCN")
        self.assertEqual(head[1:6], ("ARRS budget", "Clinical director funding", "PCN leadership and management",
                                     "PCN development (OD) funding", "Total"))
        lines = records(funding, "PCN")
        brook_row = [r for r in lines if r["PCN"] == "Brookvale PCN"][0]
        population = sum(int(r["list_size"]) for r in read_csv("committee-profiles.csv") if r["pcn_code"] == "U70001")
        self.assertEqual(brook_row["ARRS budget"], 250000)
        self.assertEqual(brook_row["PCN development (OD) funding"], round(population * 0.66, 2))
        total = [r for r in lines if r["PCN"] == "TOTAL"][0]
        self.assertEqual(round(total["Total"], 2), round(250000 + population * 0.66 + 1234.56, 2))

    def check_every_total(self, out):
        """Each TOTAL on each sheet: a SUM over exactly the block above it,
        whose cached value is that sum.  Returns {sheet: [TOTAL rows' values]}."""
        import re
        formulas = openpyxl.load_workbook(out)
        values = openpyxl.load_workbook(out, data_only=True)
        found = {}
        for ws in formulas:
            wv = values[ws.title]
            for row in ws.iter_rows():
                if row[0].value != "TOTAL":
                    continue
                for cell in row[1:]:
                    cached = wv[cell.coordinate].value
                    # The block: up to the column's header (text other than an
                    # amount "Not recorded") or a gap in column A.
                    top = cell.row
                    while top > 2 and wv.cell(row=top - 1, column=1).value not in (None, "") \
                            and (not isinstance(wv.cell(row=top - 1, column=cell.column).value, str)
                                 or wv.cell(row=top - 1, column=cell.column).value == "Not recorded"):
                        top -= 1
                    if isinstance(cell.value, str) and cell.value.startswith("="):
                        m = re.fullmatch(r"=SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)", cell.value)
                        self.assertIsNotNone(m, f"{ws.title}!{cell.coordinate} {cell.value}")
                        self.assertEqual((m.group(1), m.group(3)), (cell.column_letter,) * 2)
                        self.assertEqual(int(m.group(4)), cell.row - 1, f"{ws.title}!{cell.coordinate}")
                        self.assertEqual(int(m.group(2)), top, f"{ws.title}!{cell.coordinate} starts at {top}?")
                    if isinstance(cached, (int, float)):
                        above = [wv.cell(row=r, column=cell.column).value for r in range(top, cell.row)]
                        want = sum(v for v in above if isinstance(v, (int, float)))
                        self.assertAlmostEqual(cached, want, places=6, msg=f"{ws.title}!{cell.coordinate}")
                found.setdefault(ws.title, []).append([wv[c.coordinate].value for c in row])
        return found

    def test_every_total(self):
        """Every TOTAL on every sheet, read back and recomputed from the inputs written here."""
        profiles = read_csv("committee-profiles.csv")
        arrs = [("U70001", "Clinical pharmacist", "2.5", 3, "3"), ("U70001", "Paramedic", "0.6", 1, "1"),
                ("U70002", "Clinical pharmacist", "1.25", 2, "1.5"), ("U70003", "Care coordinator", "0.05", 1, "0")]
        self.run_cli("import", "arrs", self.write("arrs.csv", "pcn_code,year,role,wte_in_post,headcount,wte_planned\n" +
                                                  "".join(f"{p},2021/22,{r},{w},{h},{pl}\n" for p, r, w, h, pl in arrs)))
        funding = [("U70001", "arrs", "250000"), ("U70001", "development", "rate:0.66"),
                   ("U70002", "Clinical director", "1234.56"), ("U70002", "arrs", "99.99"),
                   ("U70003", "development", "rate:0.001"), ("U70004", "leadership", "10.01"),
                   ("U70004", "development", "5000")]
        self.run_cli("import", "funding", self.write("f.csv", "pcn_code,year,stream,amount\n" +
                                                      "".join(f"{p},2021/22,{s},\"{a}\"\n" for p, s, a in funding)))
        con = sqlite3.connect(self.db)
        ret = con.execute("SELECT r.id FROM pcn_return r JOIN pcn p ON p.id = r.pcn_id"
                          " WHERE p.code = 'U70001' AND r.year = 2021").fetchone()[0]
        con.executemany("INSERT INTO plan_entry (return_id, kind, position, amount, title) VALUES (?, 1, ?, ?, ?)",
                        [(ret, 0, 1250050, "Workshops"), (ret, 1, 99, "Leaflets")])
        con.execute("INSERT INTO plan_entry (return_id, kind, position, status, title, lead, due)"
                    " VALUES (?, 0, 0, 2, 'Estates review', 'Dr Lee', 'Q3 2021/22')", (ret,))
        con.commit()
        con.close()
        out = os.path.join(self.dir, "appendix.xlsx")
        self.run_cli("export", "appendix", "--year", "2021/22", "--out", out)
        found = self.check_every_total(out)
        self.assertEqual(sorted(found), ["ARRS workforce", "Funding", "PCN profiles", "Plans", "Practices"])
        # Every sheet prints its title on each page, a table its column
        # headings too (found by their text), and sets its column widths.
        # Sheets of blocks (SWOT, plans, boards, ARRS) keep each block whole
        # on a page instead.
        headings = {"PCN profiles": "PCN code", "Practices": "PCN code", "Maturity matrix": "Locality",
                    "Maturity evidence": "PCN name", "Return status": "PCN code", "Achievements": "PCN code",
                    "Funding": "PCN"}
        wb = openpyxl.load_workbook(out)
        self.assertTrue({"A", "B"} <= set(wb["Cover"].column_dimensions.keys()))
        plans = list(wb["Plans"].iter_rows(values_only=True))
        self.assertTrue(any("Dr Lee" in r and "Q3 2021/22" in r for r in plans), plans)
        for ws in wb.worksheets[1:]:
            widths = set(ws.column_dimensions.keys())      # before any lookup adds one
            self.assertIn("A", widths, ws.title)
            if ws.title != "SWOT":
                self.assertIn("B", widths, ws.title)
            rows = list(ws.iter_rows(values_only=True))
            last = heading(rows, headings[ws.title]) + 1 if ws.title in headings else 1
            self.assertEqual(ws.print_title_rows, f"$1:${last}", ws.title)
            self.assertIn("2021/22", rows[0][0], ws.title)
        self.assertGreaterEqual(wb["Funding"].column_dimensions["A"].width, 30)   # room for PCN names

        population = {}
        for r in profiles:
            population[r["pcn_code"]] = population.get(r["pcn_code"], 0) + int(r["list_size"])
        # PCN profiles: practices and patients over the committee.
        total = found["PCN profiles"][0]
        self.assertIn(sum(population.values()), total)
        self.assertIn(len(profiles), total)
        # Practices: the list sizes, practice by practice.
        self.assertIn(sum(population.values()), found["Practices"][0])
        # Plans: the proposals' pounds.
        self.assertIn(round((1250050 + 99) / 100, 2), [round(v, 2) for v in found["Plans"][0] if isinstance(v, float)])
        # ARRS workforce: WTE in post, headcount and planned over every role and PCN.
        wte = sum(round(float(w) * 100) for _, _, w, _, _ in arrs) / 100
        heads = [t for t in found["ARRS workforce"] if any(v == sum(h for *_, h, _ in arrs) for v in t[1:])]
        self.assertTrue(heads, found["ARRS workforce"])
        self.assertTrue(any(wte in t for t in found["ARRS workforce"]), (wte, found["ARRS workforce"]))
        # Funding: each stream, rates worked out from list sizes, half a penny up.
        def pence(code, stream):
            amounts = [a for p, s, a in funding if p == code and s.lower().startswith(stream)]
            if not amounts:
                return 0
            a = amounts[0]
            if a.startswith("rate:"):
                cp = round(float(a[5:]) * 10000)
                return (cp * population[code] + 50) // 100
            return round(float(a) * 100)
        streams = ["arrs", "clinical", "leadership", "development"]
        want = [sum(pence(code, s) for code in population) / 100 for s in streams]
        self.assertEqual((population["U70003"] * 10 + 50) // 100, round(pence("U70003", "development")))
        row = found["Funding"][0]
        self.assertEqual([round(v, 2) for v in row[1:5]], [round(v, 2) for v in want])
        self.assertEqual(round(row[5], 2), round(sum(want), 2))


# The greyscale-safe ramp (app/pw-matrix.c), copied here so a changed colour is seen.
FILLS = {"Pre-foundation": "F7E6CD", "Foundation": "C2D3E8", "Foundation/Step 1": "A3BEDC", "Step 1": "83A9D0",
         "Step 1/2": "6195C4", "Step 2": "337FB6", "Step 2/3": "10699F", "Step 3": "034F88", "No score": "FFFFFF"}


def main():
    """Runs each test and reports it as TAP, so every case is counted."""
    tests = [t for case in (Cli, Maturity, Plans, Workforce) for t in unittest.defaultTestLoader.loadTestsFromTestCase(case)
             if case is Cli or t.id().split(".")[-1] not in dir(Cli)]
    return pw_tap.run(tests)


if __name__ == "__main__":
    sys.exit(main())
