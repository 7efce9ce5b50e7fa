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
import pw_tap  # noqa: E402
import export_dump  # noqa: E402
import export_print  # noqa: E402
import print_data  # noqa: E402

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
        # Only the six characters mkstemp puts after the mark: names a
        # character longer or shorter are no temporary of an export.
        longer, shorter = self.path(".appendix.xlsx.pw-tmp-abc1234"), self.path(".appendix.xlsx.pw-tmp-ab12")
        for p in (longer, shorter, old):
            open(p, "wb").close()
            os.utime(p, (two_minutes_ago, two_minutes_ago))
        self.export(out)
        self.assertEqual([os.path.exists(p) for p in (longer, shorter, old)], [True, True, False])

    def test_out_of_descriptors_fails_cleanly(self):
        """With few file descriptors left (each streamed sheet holds a
        temporary file open until the workbook is put together), the
        export fails with a message, or succeeds, whole: no crash, no
        target, no temporary left.  Somewhere between 8 and 24 the sheets'
        temporaries run out, and further up the workbook's assembly."""
        import resource
        out = self.path("appendix.xlsx")
        said = set()
        for limit in range(8, 25):
            p = subprocess.run([CLI, "--database", self.db, "export", "appendix", "--year", "2026/27", "--out", out],
                               capture_output=True, text=True, timeout=60,
                               preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (limit, limit)))
            self.assertIn(p.returncode, (0, 1), (limit, p.stderr))
            self.assertEqual(self.temporaries(), [], limit)
            if p.returncode == 0:
                openpyxl.load_workbook(out)
                os.remove(out)
                continue
            self.assertFalse(os.path.exists(out), limit)
            last = p.stderr.splitlines()[-1]
            self.assertTrue(last.startswith("pcn-workbook-cli: "), (limit, p.stderr))
            said.add(last)
        self.assertIn(f"pcn-workbook-cli: Cannot write the workbook: no room for its temporary files in "
                      f"“{tempfile.gettempdir()}”", said)
        # and libxlsxwriter's own word when putting the workbook together fails
        self.assertTrue([s for s in said if s.startswith("pcn-workbook-cli: Cannot write the workbook: ")
                         and "no room" not in s], said)
        # A return form: only its assembly holds temporaries open.
        folder = self.path("forms")
        os.mkdir(folder)
        said = set()
        for limit in range(5, 13):
            p = subprocess.run([CLI, "--database", self.db, "export", "forms", "--year", "2026/27", "--pcn", "U90001",
                                "--out", folder], capture_output=True, text=True, timeout=60,
                               preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (limit, limit)))
            self.assertIn(p.returncode, (0, 1), (limit, p.stderr))
            self.assertEqual(len(os.listdir(folder)), p.returncode == 0, (limit, os.listdir(folder)))
            for f in os.listdir(folder):
                openpyxl.load_workbook(os.path.join(folder, f))
                os.remove(os.path.join(folder, f))
            said.add(p.stderr.splitlines()[-1] if p.returncode else "")
        self.assertIn("", said)
        self.assertTrue([s for s in said if s.startswith("pcn-workbook-cli: Form for U90001: Cannot write the form: ")],
                        said)

    def test_refuses_a_target_it_cannot_look_at(self):
        """A target whose folder is a file: GIO's own word for it, naming
        the target, and nothing written."""
        open(self.path("notes.txt"), "wb").close()
        p = self.refused(os.path.join(self.path("notes.txt"), "appendix.xlsx"), "Not a directory")
        self.assertIn("notes.txt/appendix.xlsx", p.stderr)
        self.assertEqual(read(self.path("notes.txt")), b"")

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

    # A cell's length is counted in UTF-16 units, as a spreadsheet counts
    # it: "é" and "€" are one each, "😀" (four bytes, past U+FFFF) two.
    # 3 + 10,000 + 10,000 + 2 × 6,382 = 32,767, the most a cell holds.
    AT_LIMIT = "abc" + "é" * 10000 + "€" * 10000 + "😀" * 6382

    def put_items(self, texts, position=100):
        """@texts (str, or bytes stored as TEXT as they are: not UTF-8) as
        Threats of the first 2026/27 return, from @position on: what an
        older file or a team database may hold, though no import lets it in."""
        self.sql(*[("INSERT INTO return_item (return_id, list, position, text) VALUES "
                    "((SELECT min(id) FROM pcn_return WHERE year = 2026), 'T', ?, CAST(? AS TEXT))", (position + i, t))
                   for i, t in enumerate(texts)])

    def test_text_from_the_store_is_cleaned_and_counted_as_a_spreadsheet_does(self):
        """Text held in the store as no import would let in: characters XML
        forbids anywhere in it (first, after a non-ASCII one, U+FFFE and
        U+FFFF but not their neighbours), bytes that are not UTF-8, and
        non-ASCII text at exactly 32,767 units, as it is and with a control
        character to drop; one unit more is refused, either way."""
        kept = {
            "\x01starts with a control": "starts with a control",
            "é\x01 then a control\x1f": "é then a control",
            "tab\tline\ncarriage\r\x02 kept": "tab\tline\ncarriage_x000D_ kept",
            "tab\tline\ncarriage\r too": "tab\tline\ncarriage_x000D_ too",
            "é\ufffe U+FFFE dropped": "é U+FFFE dropped",
            "é\uffff U+FFFF dropped": "é U+FFFF dropped",
            "\ufffd\ufebe\u7ffe\uffbe clean": "\ufffd\ufebe\u7ffe\uffbe clean",
            b"ascii then \xff": "ascii then \ufffd",
            b"\x80 first": "\ufffd first",
            self.AT_LIMIT: self.AT_LIMIT,
            "\x01" + self.AT_LIMIT: self.AT_LIMIT,
        }
        self.put_items(list(kept))
        out = self.path("appendix.xlsx")
        self.export(out)
        cells = {c for r in openpyxl.load_workbook(out)["SWOT"].iter_rows(values_only=True) for c in r if c}
        for text, want in kept.items():
            self.assertIn(want, cells, repr(text)[:60])
        # Then, in rows of their own: a text of controls alone is written
        # as nothing; an empty one is not written (nor makes its row grow).
        self.put_items(["\x01\x02", ""], position=200)
        self.export(out)
        ws = openpyxl.load_workbook(out)["SWOT"]
        last = max(c.row for c in ws["D"] if c.value == self.AT_LIMIT)
        self.assertEqual([[ws.cell(r, c).value for c in range(1, 5)] for r in (last + 1, last + 2)], [[None] * 4] * 2)
        self.assertIsNone(ws.row_dimensions[last + 2].height)
        for i, over in enumerate((self.AT_LIMIT + "é", "\x01" + self.AT_LIMIT + "\x01€")):
            self.sql("DELETE FROM return_item WHERE position >= 100")
            self.put_items(["A threat that fits", over])
            p = self.export(self.path(f"over{i}.xlsx"), ok=False)
            self.assertIn("SWOT", p.stderr)
            self.assertIn("a text of 32768 characters", p.stderr)
            self.assertIn("“abcéé", p.stderr)
            self.assertFalse(os.path.exists(self.path(f"over{i}.xlsx")))

    def test_form_with_text_too_long_is_not_written(self):
        """A return form holding a text longer than a cell is refused with
        its sheet and cell named, and not written."""
        self.put_items(["Estates. " * 4000])       # the first 2026/27 return's, its PCN's form
        code = self.query("SELECT p.code FROM pcn p JOIN pcn_return r ON r.pcn_id = p.id "
                          "WHERE r.id = (SELECT min(id) FROM pcn_return WHERE year = 2026)")[0][0]
        folder = self.path("forms")
        p = self.run_cli("export", "forms", "--year", "2026/27", "--pcn", code, "--out", folder, ok=False)
        self.assertRegex(p.stderr, f"^pcn-workbook-cli: Form for {code}: Sheet “SWOT”, cell [A-Z]+[0-9]+: "
                                   "a text of 36000 characters is longer than the 32767")
        self.assertEqual(os.listdir(folder), [])

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
                           ("Maturity matrix", "$1:$3"), ("Funding", "$1:$3")):
            self.assertEqual(wb[name].print_title_rows, rows, name)
        self.assertEqual(wb["PCN profiles"]["A3"].value, "PCN code")
        self.assertEqual([wb["Maturity matrix"][c].value for c in ("A3", "B3")], ["Locality", "PCN"])

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

    def commissioner(self, n):
        """A fresh workbook of @n PCNs (no returns); returns the export's sheets."""
        rows = ["pcn_code,pcn_name,locality,practice_code,practice_name,list_size"]
        for i in range(n):
            rows.append(f"U8{i:04d},Network {i} PCN,Area {i % 5},P8{i:04d},Practice {i},{5000 + i}")
        path = self.path("wide.csv")
        with open(path, "w") as f:
            f.write("\n".join(rows) + "\n")
        os.remove(self.db)
        self.run_cli("init")
        self.run_cli("import", "profiles", path)
        self.run_cli("import", "arrs", self.arrs_csv(n))
        out = self.path(f"wide{n}.xlsx")
        self.export(out)
        return openpyxl.load_workbook(out)

    def arrs_csv(self, n):
        path = self.path("arrs.csv")
        with open(path, "w") as f:
            f.write("pcn_code,year,role,wte_in_post\n")
            for i in range(n):
                f.write(f"U8{i:04d},2026/27,Paramedic,1.5\n")
        return path

    def test_grids_turn_pcns_into_rows_past_a_page_width(self):
        """PCNs run across while they fit on one page width at 80 % (9 in the
        maturity matrix, 14 in the ARRS grid), and down past that."""
        for n, matrix_rows, arrs_rows in ((9, False, False), (10, True, False), (14, True, False), (15, True, True)):
            wb = self.commissioner(n)
            ws = wb["Maturity matrix"]
            if matrix_rows:
                self.assertEqual([ws.cell(3, c).value for c in (1, 2, 3)],
                                 ["Locality", "PCN", "Leadership, planning and partnerships"], n)
                self.assertEqual(sorted(ws.cell(4 + i, 2).value for i in range(n)), sorted(f"Network {i} PCN" for i in range(n)))
                self.assertEqual(ws.cell(4, 1).value, "Area 0", n)
            else:
                self.assertEqual([ws.cell(4, c).value for c in (1, 2)], ["Domain", "Network 0 PCN"], n)
                self.assertEqual(ws.cell(5, 1).value, "Leadership, planning and partnerships", n)
            self.assertGreaterEqual(self.scale_and_marking(ws)[0], 80, n)
            if not matrix_rows:
                self.assertIsNone(ws.print_title_cols, n)      # one page wide
            rows = list(wb["ARRS workforce"].iter_rows(values_only=True))
            start = [i for i, r in enumerate(rows) if r[0] == "WTE in post by role and PCN"][0]
            header, first = rows[start + 1], rows[start + 2]
            if arrs_rows:
                self.assertEqual((header[0], header[1], first[0], first[1]), ("PCN", "Paramedic", "Network 0 PCN", 1.5))
            else:
                self.assertEqual((header[0], header[1], first[0]), ("Role", "Network 0 PCN", "Paramedic"), n)
            self.assertGreaterEqual(self.scale_and_marking(wb["ARRS workforce"])[0], 80, n)

    def check_continued(self, formulas, values, sheet, starts_row):
        """Each page break of @sheet: no page starts with a table's row
        (@starts_row(value of column A)); where the label is "(continued)",
        the heading under it is the table's first heading again, styled the
        same; each TOTAL sums exactly the data rows.  Returns the first
        headings of the tables continued."""
        import re
        ws, continued = formulas[sheet], set()
        for b in (b.id for b in ws.row_breaks.brk):
            label = ws.cell(b + 1, 1).value
            self.assertFalse(starts_row(label), f"{sheet}: row {b + 1} ({label}) starts a page without its table's heading")
            if not (isinstance(label, str) and label.endswith(" (continued)")):
                continue
            first = label[:-len(" (continued)")]
            above = [r for r in range(1, b + 1) if ws.cell(r, 1).value == first]
            original = above[0] + 1 if above else min(r for r in range(1, b + 1) if ws.cell(r, 1).value == "PCN")
            continued.add(original)
            for c in range(1, ws.max_column + 1):
                again, was = ws.cell(b + 2, c), ws.cell(original, c)
                self.assertEqual(again.value, was.value, f"{sheet}!{again.coordinate}")
                self.assertEqual((again.font.b, again.fill.fgColor.rgb), (was.font.b, was.fill.fgColor.rgb),
                                 f"{sheet}!{again.coordinate}")
        for row in ws.iter_rows():
            if row[0].value != "TOTAL":
                continue
            for cell in row[1:]:
                if not (isinstance(cell.value, str) and cell.value.startswith("=SUM(")):
                    continue
                summed = []
                for a, r0, b, r1 in re.findall(r"([A-Z]+)(\d+):([A-Z]+)(\d+)", cell.value):
                    self.assertEqual((a, b), (cell.column_letter,) * 2, cell.value)
                    summed += range(int(r0), int(r1) + 1)
                column = [values[sheet].cell(r, cell.column).value for r in summed]
                self.assertFalse([v for v in column if isinstance(v, str)], f"{sheet}!{cell.coordinate} {cell.value}")
                self.assertAlmostEqual(values[sheet][cell.coordinate].value,
                                       sum(v for v in column if isinstance(v, (int, float))), places=6)
                # Every figure between the first summed row and the TOTAL is summed.
                left = [r for r in range(summed[0], cell.row) if r not in summed
                        and isinstance(values[sheet].cell(r, cell.column).value, (int, float))]
                self.assertEqual(left, [], f"{sheet}!{cell.coordinate} {cell.value}")
        return continued

    def test_tables_repeat_their_headings_after_a_page_break(self):
        """42 PCNs with long names: the DES grid, the ARRS grid and the budget
        table run over pages, each break followed by the label marked
        "(continued)" and the heading written again, styled the same; no
        page starts with a table's row; a TOTAL sums the data rows only."""
        os.remove(self.db)
        print_data.make(CLI, self.db, 42)
        out = self.path("appendix42.xlsx")
        self.export(out)
        formulas, values = openpyxl.load_workbook(out), openpyxl.load_workbook(out, data_only=True)
        names = {print_data.pcn_name(i) for i in range(42)}
        for sheet, tables in (("Plans", 1), ("ARRS workforce", 2)):
            self.assertEqual(len(self.check_continued(formulas, values, sheet, names.__contains__)), tables, sheet)

    def test_long_plan_tables_repeat_their_headings(self):
        """Projects and proposals longer than a page: continued with their
        headings; the proposals' TOTAL sums their amounts only."""
        con = sqlite3.connect(self.db)
        rid = con.execute("SELECT id FROM pcn_return WHERE year = 2026 ORDER BY id LIMIT 1").fetchone()[0]
        names = {n for n, in con.execute("SELECT name FROM pcn")}
        con.execute("DELETE FROM plan_entry WHERE return_id = ?", (rid,))
        con.executemany("INSERT INTO plan_entry (return_id, kind, position, amount, title, detail) VALUES (?, ?, ?, ?, ?, ?)",
                        [(rid, kind, k, 1000 + k, f"Entry {kind}.{k}", "A long aim for the year ahead. " * 3)
                         for kind in (0, 1) for k in range(50)])
        con.commit()
        con.close()
        out = self.path("appendix.xlsx")
        self.export(out)
        formulas, values = openpyxl.load_workbook(out), openpyxl.load_workbook(out, data_only=True)
        continued = self.check_continued(formulas, values, "Plans", names.__contains__)
        heads = {formulas["Plans"].cell(r, 2).value for r in continued}
        self.assertTrue({"Project", "Support requested"} <= heads, heads)
        rows = list(formulas["Plans"].iter_rows(values_only=True))
        self.assertTrue(any(r[0] == "TOTAL" and str(r[3]).count(":") > 1 for r in rows))   # a SUM of several runs

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

    def swot_breaks(self, ash, beech):
        """The SWOT sheet's page breaks, and the row of Beech's block, for
        a workbook of two PCNs: Ash with @ash one-line strengths, Beech
        with @beech items."""
        db = self.path(f"swot-{ash}-{len(beech)}.db")
        profiles, swot = self.path("profiles.csv"), self.path("swot.csv")
        with open(profiles, "w", encoding="utf-8") as f:
            f.write("pcn_code,pcn_name,locality,practice_code,practice_name,list_size\n"
                    "U80001,Ash PCN,Alder,Y80011,Ash Surgery,100\nU80002,Beech PCN,Alder,Y80021,Beech Surgery,100\n")
        with open(swot, "w", encoding="utf-8") as f:
            f.write("pcn_code,year,quadrant,text\n" + "".join(f"U80001,2023/24,S,Strength {i}\n" for i in range(ash)) +
                    "".join(f"U80002,2023/24,{q},{t}\n" for q, t in beech))
        out = self.path("swot.xlsx")
        for args in (["init"], ["import", "profiles", profiles], ["import", "swot", swot],
                     ["export", "appendix", "--year", "2023/24", "--out", out]):
            p = subprocess.run([CLI, "--database", db, *args], capture_output=True, text=True, timeout=60)
            self.assertEqual(p.returncode, 0, p.stderr)
        ws = openpyxl.load_workbook(out)["SWOT"]
        self.assertEqual(ws.page_setup.scale, 91)
        beech_row = [c.row for c in ws["A"] if str(c.value).startswith("Beech PCN")]
        return [b.id for b in ws.row_breaks.brk], beech_row

    def test_swot_block_that_just_fits_stays_one_that_just_does_not_moves(self):
        """The page (A4 landscape at 91 %) holds 497.4 pt below the title.
        Above Beech's block: the title 22, a blank row 15, Ash's name 17.3,
        the quadrants' names 15, @ash strengths of 16 each and a blank row
        15.  Beech's block is its name 17.3, the quadrants' names 15 and a
        line of 16 (one item) or 15 ("No SWOT analysis"): 48.3 or 47.3 pt.
        22 strengths leave 61.1 pt, so the block stays (a line more would
        not fit); 23 leave 45.1, so it moves to the next page (a line less
        would fit)."""
        for beech in ([("S", "One strength")], []):
            self.assertEqual(self.swot_breaks(22, beech), ([], [28]))
            self.assertEqual(self.swot_breaks(23, beech), ([28], [29]))      # the break is above row 29

    def test_swot_block_longer_than_a_page_names_its_pcn_on_each(self):
        """A block that cannot fit a page breaks with the PCN named again,
        "(continued)", above the quadrants' names; no page starts with an item."""
        con = sqlite3.connect(self.db)
        rid, code = con.execute("SELECT r.id, p.code FROM pcn_return r JOIN pcn p ON p.id = r.pcn_id"
                                " WHERE r.year = 2026 ORDER BY p.name LIMIT 1").fetchone()
        con.execute("DELETE FROM return_item WHERE return_id = ?", (rid,))
        con.executemany("INSERT INTO return_item (return_id, list, position, text) VALUES (?, 'S', ?, ?)",
                        [(rid, k, f"Strength {k}: " + "Shared estates remain hard. " * 6) for k in range(40)])
        con.commit()
        con.close()
        out = self.path("appendix.xlsx")
        self.export(out)
        ws = openpyxl.load_workbook(out)["SWOT"]
        inside = 0
        for b in (b.id for b in ws.row_breaks.brk):
            label = ws.cell(b + 1, 1).value or ""
            self.assertFalse(label.startswith("Strength "), f"row {b + 1} starts a page inside a block")
            if label.endswith(" (continued)"):
                self.assertIn(f"({code})", label)
                self.assertEqual([ws.cell(b + 2, c).value for c in range(1, 5)],
                                 ["Strengths", "Weaknesses", "Opportunities", "Threats"])
                inside += 1
        self.assertGreaterEqual(inside, 1)

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
        self.assertEqual(rows[2][:3], ("Locality", "PCN", "Leadership, planning and partnerships"))
        statuses = self.statuses()
        self.assertEqual({s for s in statuses.values()}, {None, 0, 1, 2})   # the demo has every case
        for r in rows[3:3 + 13]:
            name, cells = r[1], r[2:7]
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
        counts = {r[0]: r[1] for r in reversed(rows[start:]) if r[0] in ("Draft", "Submitted", "Reviewed", "No return", "Total")}
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
        for spec, status, note in (("cvd", 2, "Blood pressure checks in the pharmacies"), ("ehch", 0, "")):
            con.execute("INSERT INTO des_plan (return_id, spec, status, note) SELECT r.id, ?, ?, ? FROM pcn_return r "
                        "JOIN pcn p ON p.id = r.pcn_id WHERE r.year = 2026 AND p.name = 'Parkway PCN'",
                        (spec, status, note))
        con.commit()
        con.close()
        self.export(out)
        plans = list(openpyxl.load_workbook(out)["Plans"].iter_rows(values_only=True))
        parkway = [r for r in plans if r[0] == "Parkway PCN"][0]
        # The two planned specifications show; the five nobody planned stay blank.
        self.assertEqual(sorted(v for v in parkway[1:8] if v), ["Delivering", "Not started"])
        self.assertEqual(sum(1 for v in parkway[1:8] if v is None), 5)
        notes = plans[[i for i, r in enumerate(plans) if r[0] == "DES notes"][0] + 2:]
        self.assertEqual(notes[0][:4], ("Parkway PCN", notes[0][1], "Delivering",
                                        "Blood pressure checks in the pharmacies"))
        self.assertIn("ardiovascular", notes[0][1])

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

    # -- what was entered, exported ------------------------------------------

    def sql(self, *statements):
        con = sqlite3.connect(self.db)
        try:
            for st in statements:
                con.execute(*st) if isinstance(st, tuple) else con.execute(st)
            con.commit()
        finally:
            con.close()

    def query(self, q, *args):
        con = sqlite3.connect(self.db)
        try:
            return con.execute(q, args).fetchall()
        finally:
            con.close()

    UPPER = "(SELECT r.id FROM pcn_return r JOIN pcn p ON p.id = r.pcn_id WHERE p.code = 'U90003' AND r.year = 2026)"

    def test_what_was_entered_is_exported(self):
        evidence = "Board minutes and the shared estates plan, agreed with all five practices. " * 3
        self.sql(("UPDATE maturity SET evidence = ?, support = 'Help with population health data' "
                  f"WHERE domain = 'data' AND return_id = {self.UPPER}", (evidence,)),
                 f"UPDATE arrs_wte SET as_of = '2027-03-31' WHERE return_id = {self.UPPER}",
                 "UPDATE pcn SET established = '2019-07-01' WHERE code = 'U90003'")
        out = self.path("appendix.xlsx")
        self.export(out)
        wb = openpyxl.load_workbook(out)
        rows = list(wb["Maturity evidence"].iter_rows(values_only=True))
        upper = [r for r in rows if r[0] == "Upper Dale PCN"]
        self.assertEqual(len(upper), 5)                     # one row per domain
        data = [r for r in upper if r[1] == "Use of data and population health management"][0]
        self.assertEqual(data[3:5], (evidence, "Help with population health data"))
        cell = [c for r in wb["Maturity evidence"].iter_rows() for c in r if c.value == evidence][0]
        self.assertTrue(cell.alignment.wrap_text)
        self.assertGreaterEqual(wb["Maturity evidence"].row_dimensions[cell.row].height, 36)
        # Member practices with their list sizes, as at the date the lists stand at.
        rows = list(wb["Practices"].iter_rows(values_only=True))
        self.assertTrue(rows[1][0].startswith("Practices and list sizes as at "), rows[1])
        want = self.query("SELECT p.code, pr.code, pr.list_size FROM practice pr JOIN pcn p ON p.id = pr.pcn_id")
        self.assertEqual(sorted((r[0], r[2], r[4]) for r in rows[3:-1]), sorted(want))
        self.assertEqual(rows[-1][0], "TOTAL")
        profiles = list(wb["PCN profiles"].iter_rows(values_only=True))
        self.assertEqual(profiles[2][9], "Established")
        self.assertEqual([r[9] for r in profiles if r[0] == "U90003"][0].strftime("%d/%m/%Y"), "01/07/2019")
        self.assertTrue(self.cover(out)["Profiles"].startswith("Practices and list sizes as at"))
        # The rate behind each amount worked out per registered patient.
        rows = list(wb["Funding"].iter_rows(values_only=True))
        start = [i for i, r in enumerate(rows) if r[0] == "Worked out from a rate per registered patient"][0]
        rates = {(r[0], r[1]): r[2:5] for r in rows[start + 2:] if r[1]}
        pop = self.query("SELECT sum(pr.list_size) FROM practice pr JOIN pcn p ON p.id = pr.pcn_id "
                         "WHERE p.code = 'U90003'")[0][0]
        rate, population, amount = rates[("Upper Dale PCN", "PCN development (OD) funding")]
        self.assertEqual((rate, population), ("66p per registered patient", pop))
        self.assertAlmostEqual(amount, round(pop * 0.66, 2), places=2)
        # The date the ARRS figures were taken on.
        rows = list(wb["ARRS workforce"].iter_rows(values_only=True))
        header = [r for r in rows if r[0] == "PCN" and "ARRS budget" in r][0]
        col = header.index("WTE as of")
        self.assertEqual([r[col] for r in rows if r[0] == "Upper Dale PCN" and r[col]][0].strftime("%d/%m/%Y"),
                         "31/03/2027")

    def test_funding_never_entered_is_not_recorded(self):
        # Upper Dale: clinical director funding never entered (no row), the
        # core PCN funding entered as £0, no ARRS budget.
        self.sql("DELETE FROM funding WHERE year = 2026 AND stream IN ('cd', 'arrs') "
                 "AND pcn_id = (SELECT id FROM pcn WHERE code = 'U90003')",
                 "INSERT OR REPLACE INTO funding (pcn_id, year, stream, amount) "
                 "SELECT id, 2026, 'core', 0 FROM pcn WHERE code = 'U90003'")
        self.run_cli("roles", "rate", "Care coordinator", "£40,000.00", "--year", "2026/27")
        recorded = {(p, s): a for p, s, a in self.query(
            "SELECT p.name, f.stream, f.amount FROM funding f JOIN pcn p ON p.id = f.pcn_id "
            "WHERE f.year = 2026 AND f.rate IS NULL")}
        out = self.path("appendix.xlsx")
        self.export(out)
        wb = openpyxl.load_workbook(out, data_only=True)
        rows = list(wb["Funding"].iter_rows(values_only=True))
        header = rows[2]
        total_at = [i for i, r in enumerate(rows) if r[0] == "TOTAL"][0]
        body = rows[3:total_at]
        upper = [r for r in body if r[0] == "Upper Dale PCN"][0]
        self.assertEqual(upper[header.index("Clinical director funding")], "Not recorded")
        self.assertEqual(upper[header.index("Core PCN funding")], 0)
        self.assertEqual(upper[header.index("ARRS budget")], "Not recorded")
        # Any other amount entered without a rate shows as entered.
        for r in body:
            for c, key in ((header.index("ARRS budget"), "arrs"), (header.index("Core PCN funding"), "core")):
                if (r[0], key) in recorded:
                    self.assertEqual(round(r[c] * 100), recorded[(r[0], key)], (r[0], key))

        def pence(v):
            return round(v * 100)

        # Each total adds exactly the amounts shown, the text left out.
        for r in body + [rows[total_at]]:
            self.assertEqual(pence(r[len(header) - 1]),
                             sum(pence(v) for v in r[1:len(header) - 1] if isinstance(v, (int, float))), r[0])
        for c in range(1, len(header)):
            self.assertEqual(pence(rows[total_at][c]),
                             sum(pence(r[c]) for r in body if isinstance(r[c], (int, float))), header[c])
        # Under the table, how much the totals leave out.
        missing = [(r[0], header[c]) for r in body for c in range(1, len(header) - 1) if r[c] == "Not recorded"]
        self.assertIn(("Upper Dale PCN", "Clinical director funding"), missing)
        pcns = len({p for p, _ in missing})
        of = f"{pcns} PCN{'s' * (pcns > 1)}"
        self.assertEqual(rows[total_at + 1][0],
                         f"Not recorded for {of}; the totals add only what is recorded." if len(missing) == pcns else
                         f"Not recorded: {len(missing)} amount{'s' * (len(missing) > 1)} "
                         f"({of}); the totals add only what is recorded.")
        # Where the amounts are, and plainly no figure: right-aligned, grey italic.
        cell = [c for r in wb["Funding"].iter_rows() for c in r if c.value == "Not recorded"][0]
        self.assertEqual((cell.alignment.horizontal, cell.font.i, cell.font.color.rgb), ("right", True, "FF595959"))
        # The ARRS budget table: no budget, no difference, a flagged total.
        arrs = list(wb["ARRS workforce"].iter_rows(values_only=True))
        start = [i for i, r in enumerate(arrs) if str(r[0]).startswith("ARRS budget and")][0] + 2
        budget = {r[0]: r for r in arrs[start:start + 13]}
        self.assertEqual(budget["Upper Dale PCN"][1], "Not recorded")
        self.assertGreater(budget["Upper Dale PCN"][2], 0)          # what it could claim, still shown
        self.assertIsNone(budget["Upper Dale PCN"][3])
        self.assertEqual(arrs[start + 13][0], "TOTAL")
        self.assertEqual(arrs[start + 14][0], "Not recorded for 1 PCN; the totals add only what is recorded.")
        for c in (1, 2, 3):
            self.assertEqual(pence(arrs[start + 13][c]),
                             sum(pence(r[c]) for r in budget.values() if isinstance(r[c], (int, float))), c)
        # The review: the same, beside each stream's name (the clinical
        # director funding, not one of 2026/27's streams, is left out of a
        # PCN that holds none).
        review = self.path("review.xlsx")
        self.review(review, "--pcn", "U90003")
        ws = list(openpyxl.load_workbook(review, data_only=True)["U90003"].iter_rows(values_only=True))
        streams = {r[5]: r[8] for r in ws if r[5] and r[8] is not None}
        self.assertEqual(streams["Core PCN funding"], 0)
        self.assertEqual(streams["ARRS budget"], "Not recorded")
        self.assertIn("TOTAL (recorded only)", streams)
        # A year with nothing entered: no total reads as a final £0.00.
        empty = self.path("empty.xlsx")
        self.export(empty, year="2027/28")
        wb = openpyxl.load_workbook(empty, data_only=True)
        rows = list(wb["Funding"].iter_rows(values_only=True))
        total_at = [i for i, r in enumerate(rows) if r[0] == "TOTAL"][0]
        self.assertEqual({v for r in rows[3:total_at + 1] for v in r[1:len(rows[2])]}, {"Not recorded"})
        arrs = list(wb["ARRS workforce"].iter_rows(values_only=True))
        self.assertEqual([r[1] for r in arrs if r[0] == "TOTAL"][-1], "Not recorded")
        # Every amount entered: plain TOTALs, no text among the figures.
        self.sql("INSERT OR IGNORE INTO funding (pcn_id, year, stream, amount) "
                 "SELECT p.id, 2026, s.stream, 0 FROM pcn p, (SELECT stream FROM funding WHERE year = 2026 UNION "
                 "SELECT key FROM contract_item WHERE kind = 'stream' AND first_year <= 2026 "
                 "AND coalesce(last_year, 2026) >= 2026) s")
        self.export(out)
        self.review(review, "--pcn", "U90003")
        wb = openpyxl.load_workbook(out, data_only=True)
        cells = [v for ws in (wb["Funding"], wb["ARRS workforce"]) for r in ws.iter_rows(values_only=True) for v in r]
        self.assertNotIn("Not recorded", cells)
        self.assertFalse([v for v in cells if str(v).startswith("Not recorded")])
        self.assertIn("TOTAL", cells)
        ws = [v for r in openpyxl.load_workbook(review)["U90003"].iter_rows(values_only=True) for v in r]
        self.assertNotIn("Not recorded", ws)
        self.assertNotIn("TOTAL (recorded only)", ws)

    # -- the annual review ------------------------------------------------------

    def review(self, out, *which, ok=True, year="2026/27"):
        return self.run_cli("export", "review", "--year", year, *which, "--out", out, ok=ok)

    def test_annual_review_of_one_pcn(self):
        self.sql(f"INSERT INTO return_item (return_id, list, position, text) VALUES ({self.UPPER}, 'A', 0, "
                 "'Opened a shared care home team')",
                 f"INSERT INTO return_item (return_id, list, position, text) VALUES ({self.UPPER}, 'S', 0, "
                 "'Strong clinical leadership')",
                 f"INSERT INTO return_item (return_id, list, position, text) VALUES ({self.UPPER}, 'T', 0, "
                 "'Estates are full')",
                 f"UPDATE maturity SET support = 'Analyst time for the dashboard' WHERE domain = 'data' "
                 f"AND return_id = {self.UPPER}",
                 f"UPDATE pcn_return SET review_note = 'A strong year; estates remain the risk.' WHERE id = {self.UPPER}")
        out = self.path("review.xlsx")
        self.review(out, "--pcn", "u90003")
        wb = openpyxl.load_workbook(out)
        self.assertEqual(wb.sheetnames, ["U90003"])
        ws = wb["U90003"]
        cells = {c.value: c for r in ws.iter_rows() for c in r if c.value is not None}
        text = [str(v) for v in cells]
        self.assertEqual(ws["A1"].value, "Annual review · Upper Dale PCN (U90003) · 2026/27")
        self.assertTrue(any(t.startswith("Locality: Northmoor · Return: reviewed on ") and "Demo Reviewer" in t
                            for t in text), text[:5])
        # Maturity: each domain's level last year and this, and the support asked for.
        levels = dict(self.query("SELECT m.domain, m.level FROM maturity m WHERE m.return_id = " + self.UPPER))
        before = dict(self.query("SELECT m.domain, m.level FROM maturity m JOIN pcn_return r ON r.id = m.return_id "
                                 "JOIN pcn p ON p.id = r.pcn_id WHERE p.code = 'U90003' AND r.year = 2025"))
        head = cells["Domain"]
        self.assertEqual([ws.cell(head.row, head.column + k).value for k in (1, 2, 3)],
                         ["2025/26", "2026/27", "Support asked for"])
        names = {-2: "Pre-foundation", 0: "Foundation", 1: "Foundation/Step 1", 2: "Step 1", 3: "Step 1/2", 4: "Step 2",
                 5: "Step 2/3", 6: "Step 3", None: "No score"}
        for d, key in enumerate(("leadership", "data", "integrating", "resources", "people")):
            row = [ws.cell(head.row + 1 + d, head.column + k).value for k in range(4)]
            self.assertEqual(row[1:3], [names[before.get(key)], names[levels.get(key)]], key)
        self.assertEqual(ws.cell(head.row + 2, head.column + 3).value, "Analyst time for the dashboard")
        self.assertIn("1. Opened a shared care home team", text)
        self.assertIn("• Strong clinical leadership", text)
        self.assertIn("• Estates are full", text)
        self.assertIn("A strong year; estates remain the risk.", text)
        # ARRS against plan, with a TOTAL of the return's figures.
        wte = self.query(f"SELECT sum(wte), sum(planned) FROM arrs_wte WHERE return_id = {self.UPPER}")[0]
        role = cells["Role"]
        total = [r for r in range(role.row, role.row + 30) if ws.cell(r, role.column).value == "TOTAL"][0]
        self.assertEqual(ws.cell(total, role.column + 2).value, f"=SUM(H{role.row + 1}:H{total - 1})")
        wb_values = openpyxl.load_workbook(out, data_only=True)["U90003"]
        self.assertAlmostEqual(wb_values.cell(total, role.column + 2).value, wte[0] / 100, places=2)
        self.assertAlmostEqual(wb_values.cell(total, role.column + 3).value, wte[1] / 100, places=2)
        self.assertTrue(any("66p per registered patient" in t for t in text))
        # One A4 landscape page at 80 % or more, marked.
        self.assertEqual(ws.page_setup.orientation, "landscape")
        self.assertGreaterEqual(int(ws.page_setup.scale or 100), 80)
        self.assertEqual(ws.oddHeader.center.text, "OFFICIAL")

    def test_annual_review_of_every_pcn_and_bad_requests(self):
        out = self.path("reviews.xlsx")
        self.review(out, "--all")
        codes = [l.split("\t")[0] for l in self.run_cli("list", "pcns").stdout.splitlines()]
        self.assertEqual(openpyxl.load_workbook(out).sheetnames, codes)      # the lists' order
        before = read(out)
        p = self.review(out, "--pcn", "U99999", ok=False)
        self.assertIn("U99999", p.stderr)
        self.assertIn("2026/27", p.stderr)
        p = self.review(out, ok=False)
        self.assertIn("--pcn", p.stderr)
        p = self.review(out, "--pcn", "U90003", "--all", ok=False)
        self.assertEqual(read(out), before)
        p = self.review(out, "--pcn", "U90003", year="2019/20")
        self.assertIn("no returns for 2019/20", p.stdout)
        values = [str(c.value) for r in openpyxl.load_workbook(out)["U90003"].iter_rows() for c in r]
        self.assertIn("Locality: Northmoor · No return for 2019/20", values)
        self.assertEqual(values.count("None given"), 0)      # no return is not "nothing given"

    # -- greyscale-safe -----------------------------------------------------

    @staticmethod
    def lightness(rgb):
        """CIE L* of an sRGB colour "RRGGBB": what a greyscale print keeps."""
        def linear(v):
            v /= 255
            return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
        r, g, b = (int(rgb[i:i + 2], 16) for i in (0, 2, 4))
        y = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
        return 116 * y ** (1 / 3) - 16 if y > 0.008856 else 903.3 * y

    def test_level_fills_differ_in_grey(self):
        out = self.path("appendix.xlsx")
        self.export(out)
        ws = openpyxl.load_workbook(out)["Maturity matrix"]
        key = [r[0] for r in ws.iter_rows(min_col=1, max_col=1) if r[0].value == "Key"][0].row
        fills = {}
        for row in range(key + 1, key + 10):
            cell = ws.cell(row=row, column=1)
            fills[cell.value] = (cell.fill.fgColor.rgb or "FFFFFFFF")[-6:]
        order = ["No score", "Pre-foundation", "Foundation", "Foundation/Step 1", "Step 1", "Step 1/2", "Step 2",
                 "Step 2/3", "Step 3"]
        self.assertEqual(sorted(fills), sorted(order))
        grey = [self.lightness(fills[name]) for name in order]
        for a, b, name in zip(grey, grey[1:], order[1:]):
            self.assertGreaterEqual(a - b, 7.5, (name, fills))     # each step clearly darker in grey
        # Text stays readable on every fill: white on the dark ones.
        for row in range(key + 1, key + 10):
            cell = ws.cell(row=row, column=1)
            rgb = cell.font.color.rgb if cell.font.color is not None else None
            white = isinstance(rgb, str) and rgb[-6:] == "FFFFFF"
            self.assertEqual(white, self.lightness(fills[cell.value]) < 45, cell.value)

    def test_chart_series_differ_in_grey_and_run_in_table_order(self):
        import re
        import zipfile
        out = self.path("appendix.xlsx")
        self.export(out)
        with zipfile.ZipFile(out) as z:
            chart = z.read([n for n in z.namelist() if n.startswith("xl/charts/chart")][0]).decode()
        series = re.findall(r"<c:ser>.*?</c:ser>", chart, re.S)
        self.assertEqual([re.search(r"<c:v>([^<]*)</c:v>", s).group(1) for s in series], ["WTE in post", "Planned WTE"])
        fills = [re.search(r'<a:solidFill><a:srgbClr val="([0-9A-F]{6})"', s).group(1) for s in series]
        self.assertGreater(abs(self.lightness(fills[0]) - self.lightness(fills[1])), 40, fills)
        # A bar chart draws its first category at the bottom: the role axis is
        # reversed so the roles run down the page as the table lists them.
        cat_ax = re.search(r"<c:catAx>.*?</c:catAx>", chart, re.S).group(0)
        self.assertIn('<c:orientation val="maxMin"/>', cat_ax)

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
    return pw_tap.run(list(unittest.defaultTestLoader.loadTestsFromTestCase(Export)))


if __name__ == "__main__":
    sys.exit(main())
