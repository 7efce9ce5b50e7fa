#!/usr/bin/python3
"""The appendix export: what it refuses to overwrite, how it replaces a
file, and the values it checks at the edge.  Real SQLite files, real xlsx
files read back with openpyxl.  Run by meson with PW_CLI pointing at the
built program.
SPDX-License-Identifier: GPL-3.0-or-later
"""
import os
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
import unittest

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import export_dump  # noqa: E402
import export_print  # noqa: E402

CLI = os.environ.get("PW_CLI", "build/app/pcn-workbook-cli")


def read(path):
    with open(path, "rb") as f:
        return f.read()


class Export(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.db = os.path.join(self.dir, "w.db")
        self.run_cli("demo")

    def tearDown(self):
        self.tmp.cleanup()

    def run_cli(self, *args, ok=True):
        p = subprocess.run([CLI, "--database", self.db, *args], capture_output=True, text=True, timeout=60)
        if ok:
            self.assertEqual(p.returncode, 0, p.stderr)
        else:
            self.assertEqual(p.returncode, 1, p.stdout)
            self.assertTrue(p.stderr.startswith("pcn-workbook-cli: "), p.stderr)
        return p

    def export(self, out, *extra, ok=True, year="2026/27"):
        return self.run_cli("export", "appendix", "--year", year, "--out", out, *extra, ok=ok)

    def path(self, name):
        return os.path.join(self.dir, name)

    def temporaries(self):
        return sorted(n for n in os.listdir(self.dir) if ".pw-tmp-" in n)

    def refused(self, out, *words):
        """Refused with a message holding @words; the target and the workbook unchanged."""
        db = read(self.db)
        p = self.export(out, ok=False)
        for w in words:
            self.assertIn(w, p.stderr)
        self.assertEqual(read(self.db), db)
        self.assertEqual(self.temporaries(), [])
        self.assertEqual(len(self.run_cli("list", "pcns").stdout.splitlines()), 13)
        return p

    # -- what an export will not replace ---------------------------------

    def test_refuses_the_open_workbook(self):
        os.link(self.db, self.path("same.xlsx"))
        self.refused(self.path("same.xlsx"), "same.xlsx", "open workbook")
        self.refused(self.db, ".xlsx")

    def test_refuses_sqlite_files_beside_the_workbook(self):
        con = sqlite3.connect(self.db)          # keeps the WAL while it is open
        try:
            self.assertEqual(con.execute("PRAGMA journal_mode = wal").fetchone()[0], "wal")
            con.execute("CREATE TABLE keep_wal (x)")
            con.commit()
            os.link(self.db + "-wal", self.path("wal.xlsx"))
            wal = read(self.db + "-wal")
            p = self.export(self.path("wal.xlsx"), ok=False)
            self.assertIn("open workbook", p.stderr)
            self.assertEqual(read(self.db + "-wal"), wal)
        finally:
            con.close()

    def test_refuses_what_is_not_a_file(self):
        os.mkdir(self.path("folder.xlsx"))
        self.refused(self.path("folder.xlsx"), "folder.xlsx", "is a folder")
        os.mkfifo(self.path("pipe.xlsx"))
        self.refused(self.path("pipe.xlsx"), "pipe.xlsx", "not an ordinary file")
        self.assertTrue(stat.S_ISFIFO(os.lstat(self.path("pipe.xlsx")).st_mode))

    def test_refuses_a_link(self):
        self.export(self.path("real.xlsx"))
        before = read(self.path("real.xlsx"))
        os.symlink("real.xlsx", self.path("link.xlsx"))
        self.refused(self.path("link.xlsx"), "link.xlsx", "symbolic link")
        self.assertTrue(os.path.islink(self.path("link.xlsx")))
        self.assertEqual(read(self.path("real.xlsx")), before)

    def test_refuses_a_name_without_xlsx(self):
        self.refused(self.path("appendix"), "appendix", ".xlsx")
        self.assertFalse(os.path.exists(self.path("appendix")))
        self.refused(self.path("appendix.csv"), ".xlsx")

    def test_refuses_to_replace_what_is_not_a_workbook(self):
        for name, content in (("notes.xlsx", b"Minutes of the last meeting\n"), ("odd.xlsx", b"PK")):
            with open(self.path(name), "wb") as f:
                f.write(content)
            self.refused(self.path(name), name, "not an Excel workbook")
            self.assertEqual(read(self.path(name)), content)

    # -- how it replaces a file -------------------------------------------

    def test_replaces_an_earlier_export_keeping_its_permissions(self):
        out = self.path("appendix.xlsx")
        self.export(out)
        os.chmod(out, 0o640)
        inode = os.stat(out).st_ino
        self.export(out, "--version", "v2")
        self.assertEqual(stat.S_IMODE(os.stat(out).st_mode), 0o640)
        self.assertNotEqual(os.stat(out).st_ino, inode)     # a new file renamed over the old one
        cover = {r[0]: r[1] for r in openpyxl.load_workbook(out)["Cover"].iter_rows(values_only=True) if r[0]}
        self.assertEqual(cover["Version"], "v2")
        self.assertEqual(self.temporaries(), [])
        empty = self.path("empty.xlsx")
        open(empty, "wb").close()
        self.export(empty)
        openpyxl.load_workbook(empty)

    def test_stale_temporaries_are_removed(self):
        out = self.path("appendix.xlsx")
        old = self.path(".appendix.xlsx.pw-tmp-abc123")
        fresh = self.path(".appendix.xlsx.pw-tmp-def456")
        other = self.path(".other.xlsx.pw-tmp-ghi789")
        for p in (old, fresh, other):
            open(p, "wb").close()
        two_minutes_ago = time.time() - 120
        for p in (old, other):
            os.utime(p, (two_minutes_ago, two_minutes_ago))
        self.export(out)
        self.assertFalse(os.path.exists(old))
        self.assertTrue(os.path.exists(fresh))      # may belong to an export still running
        self.assertTrue(os.path.exists(other))      # another target's
        openpyxl.load_workbook(out)

    # -- values checked at the edge ---------------------------------------

    def test_control_characters_are_dropped(self):
        out = self.path("appendix.xlsx")
        self.export(out, "--committee", "Primary\x01 Care\x1b Committee\x7f", "--lead", "Line one\nline two\ttab")
        cover = {r[0]: r[1] for r in openpyxl.load_workbook(out)["Cover"].iter_rows(values_only=True) if r[0]}
        self.assertEqual(cover["Committee"], "Primary Care Committee\x7f")
        self.assertEqual(cover["Lead"], "Line one\nline two\ttab")
        # The same in text from the database, where an import or a paste put it.
        con = sqlite3.connect(self.db)
        con.execute("UPDATE pcn SET name = name || char(2, 11, 12) WHERE id = (SELECT min(id) FROM pcn)")
        con.commit()
        con.close()
        self.export(out)
        names = [r[1] for r in openpyxl.load_workbook(out)["PCN profiles"].iter_rows(min_row=2, values_only=True)]
        self.assertFalse(any(ch in (n or "") for n in names for ch in "\x02\x0b\x0c"))

    def test_text_too_long_for_a_cell_is_refused(self):
        out = self.path("appendix.xlsx")
        self.export(out)
        before = read(out)
        p = self.export(out, "--committee", "x" * 32767)
        p = self.export(out, "--committee", "y" * 32768, ok=False)
        self.assertIn("Cover", p.stderr)
        self.assertIn("B3", p.stderr)
        self.assertIn("32768", p.stderr)
        self.assertNotIn("y" * 41, p.stderr)     # quotes the start, not the whole text
        con = sqlite3.connect(self.db)
        con.execute("INSERT INTO return_item (return_id, list, position, text) "
                    "VALUES ((SELECT min(id) FROM pcn_return WHERE year = 2026), 'T', 0, ?)", ("Estates. " * 4000,))
        con.commit()
        con.close()
        p = self.export(self.path("other.xlsx"), ok=False)
        self.assertIn("SWOT", p.stderr)
        self.assertIn("Estates.", p.stderr)
        self.assertFalse(os.path.exists(self.path("other.xlsx")))
        self.assertEqual(self.temporaries(), [])
        self.assertNotEqual(read(out), before)      # the 32,767 export replaced it

    def test_sums_that_overflow_are_refused(self):
        con = sqlite3.connect(self.db)
        con.execute("UPDATE funding SET amount = 4000000000000000000, rate = NULL")
        con.commit()
        con.close()
        p = self.export(self.path("appendix.xlsx"), ok=False)
        self.assertIn("too large", p.stderr)
        self.assertFalse(os.path.exists(self.path("appendix.xlsx")))

    # -- layout -------------------------------------------------------------

    SHEETS = ["PCN profiles", "Maturity matrix", "Return status", "SWOT", "Achievements", "Plans",
              "ARRS workforce", "Funding"]

    def test_every_sheet_says_what_it_is(self):
        out = self.path("appendix.xlsx")
        self.export(out)
        wb = openpyxl.load_workbook(out)
        for ws in wb.worksheets[1:]:
            title = ws["A1"].value
            self.assertIn("2026/27", title, ws.title)
            self.assertIn("All localities (13 PCNs)", title, ws.title)
            self.assertTrue(ws.print_title_rows.startswith("$1:"), ws.title)
        # Table sheets repeat their column headings too.
        for name, rows in (("PCN profiles", "$1:$3"), ("Return status", "$1:$3"), ("Achievements", "$1:$3"),
                           ("Maturity matrix", "$1:$4"), ("Funding", "$1:$3")):
            self.assertEqual(wb[name].print_title_rows, rows, name)
        self.assertEqual(wb["PCN profiles"]["A3"].value, "PCN code")
        self.assertEqual(wb["Maturity matrix"]["A4"].value, "Domain")

    def scale_and_marking(self, ws):
        scale = int(ws.page_setup.scale or 100)
        self.assertEqual(ws.oddHeader.center.text, "OFFICIAL", ws.title)
        return scale, int(ws.oddHeader.center.size) * scale / 100

    def test_nothing_prints_below_8_points(self):
        out = self.path("appendix.xlsx")
        self.export(out)
        for ws in openpyxl.load_workbook(out).worksheets:
            self.assertFalse(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage, ws.title)
            scale, marking = self.scale_and_marking(ws)
            self.assertGreaterEqual(scale, 80, ws.title)
            self.assertAlmostEqual(marking, 11, delta=0.5, msg=ws.title)   # the marking keeps its size

    def test_wide_grid_splits_across_pages(self):
        rows = ["pcn_code,pcn_name,locality,practice_code,practice_name,list_size"]
        for i in range(42):
            rows.append(f"U8{i:04d},Network {i} PCN,Area {i % 5},P8{i:04d},Practice {i},{5000 + i}")
        path = self.path("wide.csv")
        with open(path, "w") as f:
            f.write("\n".join(rows) + "\n")
        self.run_cli("import", "profiles", path)
        out = self.path("wide.xlsx")
        self.export(out)
        wb = openpyxl.load_workbook(out)
        for name in ("Maturity matrix", "ARRS workforce"):
            self.assertEqual(self.scale_and_marking(wb[name])[0], 80, name)
            self.assertEqual(wb[name].print_title_cols, "$A:$A", name)

    def test_rows_fit_wrapped_text(self):
        long_name = "The Very Long Named Primary Care Network of the Northern and Eastern Dales and Market Towns"
        note = "Reviewed at the locality meeting; the plan needs work on estates and recruitment. " * 6
        con = sqlite3.connect(self.db)
        con.execute("UPDATE pcn SET name = ? WHERE id = (SELECT min(id) FROM pcn)", (long_name,))
        con.execute("UPDATE pcn_return SET review_note = ? WHERE year = 2026", (note,))
        con.commit()
        con.close()
        out = self.path("appendix.xlsx")
        self.export(out)
        wb = openpyxl.load_workbook(out)
        for name, text, width in (("PCN profiles", long_name, 34), ("Return status", note, 50)):
            ws = wb[name]
            cell = [c for r in ws.iter_rows() for c in r if c.value == text][0]
            self.assertTrue(cell.alignment.wrap_text)
            lines = -(-len(text) // int(width * 1.1))          # at Arial 10's widest, at least this many
            self.assertGreaterEqual(ws.row_dimensions[cell.row].height, lines * 12, name)

    @unittest.skipUnless(export_print.available(), "needs LibreOffice, poppler, Carlito and Liberation fonts")
    def test_prints_legibly(self):
        """Printed through LibreOffice: nothing under 8 pt, no words over words, every page headed and marked."""
        con = sqlite3.connect(self.db)
        con.execute("UPDATE pcn SET name = name || ' of the Northern and Eastern Dales' WHERE id % 3 = 0")
        con.execute("UPDATE pcn_return SET review_note = ? WHERE year = 2026",
                    ("Reviewed at the locality meeting; estates and recruitment need work. " * 4,))
        con.commit()
        con.close()
        out = self.path("appendix.xlsx")
        self.export(out)
        report = export_print.measure(export_print.to_pdf(out, self.dir), "2026/27")
        self.assertGreaterEqual(report["smallest_pt"], 7.9)
        self.assertEqual(report["overprinted"], [])
        self.assertEqual(report["unmarked_pages"], [])
        self.assertEqual(report["pages_without_year"], [])

    def long_swot(self):
        """Three long items in each quadrant of every 2026/27 return; the last ends END<code>."""
        con = sqlite3.connect(self.db)
        rets = con.execute("SELECT r.id, p.code FROM pcn_return r JOIN pcn p ON p.id = r.pcn_id WHERE r.year = 2026")
        for rid, code in rets.fetchall():
            for q in "SWOT":
                for k in range(3):
                    text = f"{code} {q}{k}: " + "Shared estates and recruitment of additional roles remain hard. " * 3
                    con.execute("INSERT INTO return_item (return_id, list, position, text) VALUES (?, ?, ?, ?)",
                                (rid, q, k, text + (f" END{code}" if q == "T" and k == 2 else "")))
        con.commit()
        con.close()

    def test_swot_blocks_start_a_page_rather_than_split(self):
        self.long_swot()
        out = self.path("appendix.xlsx")
        self.export(out)
        ws = openpyxl.load_workbook(out)["SWOT"]
        headings = {c.row for r in ws.iter_rows(min_col=1, max_col=1) for c in r
                    if c.value and str(c.value).endswith(("Eastvale", "Northmoor", "Riverside", "Southgate"))}
        breaks = [b.id for b in ws.row_breaks.brk]
        self.assertGreater(len(breaks), 3)
        for b in breaks:
            self.assertIn(b + 1, headings)       # a break falls just above a PCN's block

    @unittest.skipUnless(export_print.available(), "needs LibreOffice, poppler, Carlito and Liberation fonts")
    def test_swot_blocks_print_whole(self):
        self.long_swot()
        out = self.path("appendix.xlsx")
        self.export(out)
        pages = export_print.words(export_print.to_pdf(out, self.dir))
        where = {}
        for n, page in enumerate(pages, 1):
            for w in page:
                if w[0].startswith(("(U9", "ENDU9")):
                    where.setdefault(w[0].strip("()").replace("END", ""), set()).add(n)
        self.assertGreater(len(where), 8)
        for code, on in where.items():
            self.assertEqual(len(on), 1, (code, on))     # heading and last item on one page

    # -- missing and unreviewed data never read as final ---------------------

    def statuses(self):
        """PCN name -> its 2026/27 return's status (0 draft, 1 submitted, 2 reviewed) or None."""
        con = sqlite3.connect(self.db)
        try:
            return dict(con.execute("SELECT p.name, r.status FROM pcn p LEFT JOIN pcn_return r "
                                    "ON r.pcn_id = p.id AND r.year = 2026"))
        finally:
            con.close()

    def test_unreviewed_levels_are_marked(self):
        out = self.path("appendix.xlsx")
        self.export(out)
        ws = openpyxl.load_workbook(out)["Maturity matrix"]
        rows = list(ws.iter_rows(values_only=True))
        header = rows[3]
        statuses = self.statuses()
        self.assertEqual({s for s in statuses.values()}, {None, 0, 1, 2})   # the demo has every case
        for col, name in enumerate(header[1:14], 1):
            cells = [rows[4 + d][col] for d in range(5)]
            status = statuses[name]
            for cell in cells:
                if status is None:
                    self.assertEqual(cell, "No return", name)
                elif cell == "No score":
                    continue
                elif status == 2:
                    self.assertNotIn("†", cell, name)
                else:
                    self.assertTrue(cell.endswith(" †"), (name, cell))
        text = [str(r[0]) for r in rows if r[0]]
        self.assertTrue(any("not yet reviewed" in t for t in text))
        start = text.index("Returns by status")
        counts = {r[0]: r[1] for r in rows if r[0] in ("Draft", "Submitted", "Reviewed", "No return", "Total")}
        want = [list(statuses.values()).count(s) for s in (0, 1, 2, None)]
        self.assertEqual([counts["Draft"], counts["Submitted"], counts["Reviewed"], counts["No return"]], want)
        self.assertEqual(counts["Total"], 13)
        self.assertGreater(start, 0)

    def test_missing_figures_are_blank(self):
        out = self.path("appendix.xlsx")
        self.export(out)
        wb = openpyxl.load_workbook(out, data_only=True)
        statuses = self.statuses()
        rows = list(wb["ARRS workforce"].iter_rows(values_only=True))
        start = [i for i, r in enumerate(rows) if r[0] == "WTE in post by role and PCN"][0]
        header = rows[start + 1]
        body = rows[start + 2:[i for i, r in enumerate(rows) if i > start and r[0] == "TOTAL"][0] + 1]
        con = sqlite3.connect(self.db)
        given = set(con.execute("SELECT p.name, ro.name FROM arrs_wte w JOIN pcn_return r ON r.id = w.return_id "
                                "JOIN pcn p ON p.id = r.pcn_id JOIN arrs_role ro ON ro.id = w.role_id "
                                "WHERE r.year = 2026"))
        con.close()
        for name, status in statuses.items():
            col = header.index(name)
            for r in body[:-1]:
                self.assertEqual(r[col] is not None, (name, r[0]) in given, (name, r[0]))
            if status is None:
                self.assertIsNone(body[-1][col], name)           # no TOTAL of nothing
        plans = list(wb["Plans"].iter_rows(values_only=True))
        for r in plans[3:3 + 13]:
            if statuses[r[0]] is None:
                self.assertEqual(r[1], "No return", r[0])
            else:
                self.assertEqual(set(r[1:9]), {None}, r[0])     # nothing planned: blank, not "Not started"
        con = sqlite3.connect(self.db)
        con.execute("INSERT INTO des_plan (return_id, spec, status) SELECT r.id, 'cvd', 2 FROM pcn_return r "
                    "JOIN pcn p ON p.id = r.pcn_id WHERE r.year = 2026 AND p.name = 'Parkway PCN'")
        con.commit()
        con.close()
        self.export(out)
        plans = list(openpyxl.load_workbook(out)["Plans"].iter_rows(values_only=True))
        parkway = [r for r in plans if r[0] == "Parkway PCN"][0]
        self.assertIn("Not started", parkway[1:8])
        self.assertEqual(sum(1 for v in parkway[1:8] if v and v != "Not started"), 1)

    def cover(self, out):
        return {r[0]: r[1] for r in openpyxl.load_workbook(out)["Cover"].iter_rows(values_only=True) if r[0]}

    def test_cover_leaves_out_what_is_missing(self):
        out = self.path("appendix.xlsx")
        p = self.export(out, "--committee", "PCCC")
        self.assertNotIn("no returns", p.stdout)
        cover = self.cover(out)
        self.assertEqual(cover["Committee"], "PCCC")
        for label in ("Meeting date", "Agenda item", "Title", "Version", "Author", "Lead", "Returns"):
            self.assertNotIn(label, cover)
        p = self.export(out, year="2019/20")
        self.assertIn("no returns for 2019/20", p.stdout)
        self.assertIn("None for this year", self.cover(out)["Returns"])

    def test_budget_table_has_a_total_and_names_roles_without_a_rate(self):
        self.run_cli("roles", "rate", "Clinical pharmacist", "£50,000.00", "--year", "2026/27")
        out = self.path("appendix.xlsx")
        self.export(out)
        rows = list(openpyxl.load_workbook(out, data_only=True)["ARRS workforce"].iter_rows(values_only=True))
        start = [i for i, r in enumerate(rows) if str(r[0]).startswith("ARRS budget and")][0] + 2
        body = rows[start:start + 13]
        total = rows[start + 13]
        self.assertEqual(total[0], "TOTAL")
        self.assertAlmostEqual(total[1], sum(r[1] for r in body), places=2)
        self.assertAlmostEqual(total[2], sum(r[2] or 0 for r in body), places=2)
        self.assertAlmostEqual(total[3], sum(r[3] or 0 for r in body), places=2)
        note = rows[start + 14][0]
        self.assertTrue(note.startswith("No rate for 2026/27"), note)
        self.assertIn("Care coordinator", note)
        self.assertNotIn("Clinical pharmacist", note)

    # -- reproducible ------------------------------------------------------

    def test_same_data_same_appendix(self):
        """Two exports of a year dump the same, but for the export time."""
        a, b = self.path("a.xlsx"), self.path("b.xlsx")
        self.export(a, "--committee", "PCCC")
        self.export(b, "--committee", "PCCC")
        self.assertEqual(export_dump.dump(a), export_dump.dump(b))
        self.export(b, "--committee", "PCCC", year="2025/26")
        self.assertNotEqual(export_dump.dump(a), export_dump.dump(b))


def main():
    """Runs each test and reports it as TAP, so every case is counted."""
    tests = list(unittest.defaultTestLoader.loadTestsFromTestCase(Export))
    print(f"1..{len(tests)}")
    failed = 0
    for number, test in enumerate(tests, 1):
        result = unittest.TestResult()
        test.run(result)
        problems = result.errors + result.failures
        name = test.id().split(".")[-1]
        if problems:
            failed += 1
            print(f"not ok {number} {name}")
            for _, trace in problems:
                print("# " + trace.replace("\n", "\n# "))
        elif result.skipped:
            print(f"ok {number} {name} # SKIP {result.skipped[0][1]}")
        else:
            print(f"ok {number} {name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
