#!/usr/bin/python3
"""Locality boards end to end through pcn-workbook-cli: imports of members,
actions and risks (good and bad files, against a real SQLite file), the
`boards` listing, and the Locality boards sheet and a locality pack read
back with openpyxl.  Run by meson with PW_CLI pointing at the built program.
SPDX-License-Identifier: GPL-3.0-or-later
"""
import datetime
import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pw_tap  # noqa: E402

CLI = os.environ.get("PW_CLI", "build/app/pcn-workbook-cli")

PROFILES = (
    "pcn_code,pcn_name,locality,practice_code,practice_name,list_size\n"
    "U11111,Alder PCN,North,A11111,Alder Surgery,20000\n"
    "U22222,Birch PCN,South,B22221,Cedar Surgery,8000\n"
    "U33333,Rowan PCN,North,C33331,Dale Surgery,12345\n"
)
MEMBERS = (
    "locality,name,organisation,sector,board_role,represents,joined,left\n"
    "North,Siobhán Ó Briain,Alder PCN,primary care,chair,PCN clinical directors,01/04/2024,\n"
    "North,Pat O'Neill,Somerset Council,Local authority,Member,Adult social care,2024-04-01,\n"
    "North,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",Age UK,voluntary_sector,attendee,,,\n"
    "North,Jo Former,Somerset FT,acute trust,vice chair,,01/04/2024,31/12/2024\n"
    "South,Sam Lee,Birch PCN,Primary care,Chair,,,\n"
)
ACTIONS = (
    "locality,ref,action,owner,due,status,raised,done\n"
    "North,NOR-014,Agree the frailty pathway,Ó Briain,31/01/2026,open,01/10/2025,\n"
    "North,NOR-015,Map voluntary sector offers,O'Neill,2099-03-31,in progress,,\n"
    "North,NOR-003,Adopt terms of reference,Ó Briain,30/09/2025,done,,15/09/2025\n"
    "North,NOR-004,Old idea,Ó Briain,30/09/2025,dropped,,\n"
    "South,NOR-014,Same ref in another locality,Lee,2099-01-01,open,,\n"
)
RISKS = (
    "locality,ref,risk,likelihood,impact,owner,target,review\n"
    "North,R1,GP workforce gaps,4,4,Ó Briain,8,31/03/2026\n"
    "North,R2,Estates capacity,3,4,O'Neill,,\n"
    "North,R3,Data sharing delays,2,3,O'Neill,,\n"
)


def dump(db):
    con = sqlite3.connect(db)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")]
        return {t: con.execute(f"SELECT * FROM {t}").fetchall() for t in tables}
    finally:
        con.close()


class Boards(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.db = os.path.join(self.dir, "w.db")
        self.run_cli("init")
        self.run_cli("import", "profiles", self.write("p.csv", PROFILES))

    def tearDown(self):
        self.tmp.cleanup()

    def run_cli(self, *args, ok=True):
        p = subprocess.run([CLI, "--database", self.db, *args], capture_output=True, text=True)
        if ok:
            self.assertEqual(p.returncode, 0, p.stderr)
        else:
            self.assertEqual(p.returncode, 1, p.stdout)
            self.assertTrue(p.stderr.startswith("pcn-workbook-cli: "), p.stderr)
        return p

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        return path

    def sql(self, query):
        con = sqlite3.connect(self.db)
        try:
            return con.execute(query).fetchall()
        finally:
            con.close()

    def load_all(self):
        self.run_cli("import", "board-members", self.write("m.csv", MEMBERS))
        self.run_cli("import", "actions", self.write("a.csv", ACTIONS))
        self.run_cli("import", "risks", self.write("r.csv", RISKS))

    # ------------------------------------------------------------ imports

    def test_members_stay_text(self):
        p = self.run_cli("import", "board-members", self.write("m.csv", MEMBERS))
        self.assertIn("5 board members recorded", p.stdout)
        names = {r[0]: r[1:] for r in self.sql(
            "SELECT m.name, o.name, o.sector, m.role, m.joined, m.left_on FROM board_member m"
            " JOIN organisation o ON o.id = m.organisation_id")}
        self.assertEqual(names["Siobhán Ó Briain"], ("Alder PCN", 0, 0, "2024-04-01", None))
        self.assertEqual(names["Pat O'Neill"], ("Somerset Council", 4, 2, "2024-04-01", None))
        self.assertEqual(names['=HYPERLINK("http://x","y")'][1:3], (5, 3))
        self.assertEqual(names["Jo Former"][4], "2024-12-31")
        # the same file again updates in place
        self.run_cli("import", "board-members", os.path.join(self.dir, "m.csv"))
        self.assertEqual(self.sql("SELECT count(*) FROM board_member"), [(5,)])
        self.assertGreater(self.sql("SELECT count(*) FROM change_log WHERE locality_id IS NOT NULL")[0][0], 0)

    def test_actions_by_ref_and_reimport_updates(self):
        self.load_all()
        self.assertEqual(self.sql("SELECT count(*) FROM board_action"), [(5,)])
        self.assertEqual(self.sql("SELECT due, status, raised_on FROM board_action WHERE ref = 'NOR-014'"
                                  " AND locality_id = (SELECT id FROM locality WHERE name = 'North')"),
                         [("2026-01-31", 0, "2025-10-01")])
        self.assertEqual(self.sql("SELECT done_on FROM board_action WHERE ref = 'NOR-003'"), [("2025-09-15",)])
        again = ACTIONS.replace("NOR-014,Agree the frailty pathway,Ó Briain,31/01/2026,open",
                                "NOR-014,Agree the frailty pathway,Ó Briain,31/01/2026,done")
        self.run_cli("import", self.write("a2.csv", again))       # told by its header
        self.assertEqual(self.sql("SELECT count(*) FROM board_action"), [(5,)])
        self.assertEqual(self.sql("SELECT status FROM board_action WHERE ref = 'NOR-014' AND owner = 'Ó Briain'"),
                         [(2,)])

    def test_import_tells_kinds_by_header(self):
        for name, text, table in (("m.csv", MEMBERS, "board_member"), ("a.csv", ACTIONS, "board_action"),
                                  ("r.csv", RISKS, "board_risk")):
            self.run_cli("import", self.write(name, text))
            self.assertGreater(self.sql(f"SELECT count(*) FROM {table}")[0][0], 0, name)

    def test_boards_listing(self):
        self.load_all()
        out = self.run_cli("boards").stdout.splitlines()
        self.assertEqual(len(out), 2)
        north = out[0].split("\t")
        self.assertEqual(north, ["North", "Not recorded", "3 members", "2 open actions", "1 overdue",
                                 "2 risks scoring 12 or more"])

    def refused(self, kind, text, where, *words):
        self.load_all()
        before = dump(self.db)
        p = self.run_cli("import", kind, self.write("bad.csv", text), ok=False)
        self.assertIn("bad.csv: " + where, p.stderr)
        for w in words:
            self.assertIn(w, p.stderr)
        self.assertEqual(before, dump(self.db))

    def test_bad_unknown_locality(self):
        self.refused("actions", ACTIONS + "Nroth,NOR-020,x,y,01/01/2026,open,,\n",
                     "line 7, column 1 (locality)", "“Nroth”", "did you mean “North”")

    def test_bad_sector(self):
        self.refused("board-members", MEMBERS + "North,A B,Hospital,hospital,member,,,\n",
                     "line 7, column 4 (sector)", "primary care, community services, acute trust, mental health,"
                     " local authority, voluntary sector, public health, icb, other")

    def test_bad_likelihood(self):
        self.refused("risks", RISKS + "North,R4,x,6,2,y,,\n", "line 5, column 4 (likelihood)", "from 1 to 5")

    def test_bad_due_date(self):
        self.refused("actions", ACTIONS + "North,NOR-020,x,y,soon,open,,\n", "line 7, column 5 (due)",
                     "DD/MM/YYYY or YYYY-MM-DD")

    def test_bad_duplicate_ref(self):
        self.refused("actions", ACTIONS + "North,nor-015,again,y,01/01/2026,open,,\n",
                     "line 7, column 2 (ref)", "already on line 3")

    def test_bad_organisation_two_sectors(self):
        self.refused("board-members", MEMBERS + "South,Kim Lo,Somerset Council,public health,member,,,\n",
                     "line 7, column 4 (sector)", "line 3 gives “Somerset Council” the sector Local authority")

    def test_bad_status(self):
        self.refused("actions", ACTIONS + "North,NOR-020,x,y,01/01/2026,finished,,\n",
                     "line 7, column 6 (status)", "open, in progress, done, dropped")

    # ------------------------------------------------------------- export

    def export(self, *extra):
        out = os.path.join(self.dir, "a.xlsx")
        self.run_cli("export", "appendix", "--year", "2025/26", "--out", out, *extra)
        return openpyxl.load_workbook(out)

    @staticmethod
    def rows(ws):
        return [r for r in ws.iter_rows(values_only=True) if any(v is not None for v in r)]

    @staticmethod
    def table(rows, heading):
        """The rows under the heading row that starts with @heading, to the next blank."""
        start = [i for i, r in enumerate(rows) if r[:len(heading)] == heading][0]
        out = []
        for r in rows[start + 1:]:
            if r[0] in ("Ref", "Name", "Sector") or r[0].endswith(" locality") or r[0].startswith("No "):
                break
            out.append(r)
        return out

    def test_boards_sheet(self):
        self.load_all()
        self.run_cli("import", "profiles", self.write("p2.csv", PROFILES + "U44444,Elm PCN,East,D44441,Elm,100\n"))
        wb = self.export("--meeting-date", "01/02/2026")
        ws = wb["Locality boards"]
        rows = self.rows(ws)
        self.assertEqual(rows[0][0], "Locality boards · 2025/26 · All localities (4 PCNs)")
        self.assertEqual([r[0] for r in rows if r[0].endswith(" locality")],
                         ["East locality", "North locality", "South locality"])
        north = rows[[r[0] for r in rows].index("North locality"):[r[0] for r in rows].index("South locality")]
        self.assertIn(("Chair", "Siobhán Ó Briain"), [r[:2] for r in north])
        sectors = dict(r[:2] for r in self.table(north, ("Sector", "Members")))
        self.assertEqual(sectors["Primary care"], 1)
        self.assertEqual(sectors["Acute trust"], 0)          # Jo Former left: a missing partner shows
        self.assertEqual(sectors["Voluntary sector"], 1)
        members = self.table(north, ("Name", "Organisation", "Sector", "Role"))
        self.assertEqual(len(members), 3)
        formula = [r for r in members if r[1] == "Age UK"][0]
        self.assertEqual(formula[:4], ('=HYPERLINK("http://x","y")', "Age UK", "Voluntary sector", "Attendee"))
        actions = self.table(north, ("Ref", "Action", "Owner", "Due", "Status"))
        self.assertEqual([(r[0], r[4]) for r in actions], [("NOR-014", "Overdue"), ("NOR-015", "In progress")])
        self.assertEqual(actions[0][3], datetime.datetime(2026, 1, 31))
        risks = self.table(north, ("Ref", "Risk (scoring 12 or more)"))
        self.assertEqual([(r[0], r[5]) for r in risks], [("R1", 16), ("R2", 12)])
        # formula-like text stays text in the file itself
        cells = [c for row in ws.iter_rows() for c in row if c.value == '=HYPERLINK("http://x","y")']
        self.assertEqual([c.data_type for c in cells], ["s"])

    def test_overdue_before_today_without_meeting_date(self):
        self.load_all()
        rows = self.rows(self.export()["Locality boards"])
        statuses = {r[0]: r[4] for r in rows if r[0] in ("NOR-014", "NOR-015") and r[2] != "Lee"}
        # NOR-014 was due 31/01/2026 (past), NOR-015 in 2099; South's NOR-014 is its own
        self.assertEqual(statuses, {"NOR-014": "Overdue", "NOR-015": "In progress"})

    def test_locality_pack(self):
        self.load_all()
        wb = self.export("--locality", "north", "--meeting-date", "2026-02-01")
        for ws in wb.worksheets[1:]:
            self.assertIn("North locality pack (2 PCNs)", ws["A1"].value, ws.title)
        profiles = [r for r in self.rows(wb["PCN profiles"]) if r[0] and str(r[0]).startswith("U")]
        self.assertEqual(sorted(r[0] for r in profiles), ["U11111", "U33333"])
        status = [r[0] for r in self.rows(wb["Return status"]) if r[0] and str(r[0]).startswith("U")]
        self.assertEqual(sorted(status), ["U11111", "U33333"])
        boards = [r[0] for r in self.rows(wb["Locality boards"]) if r[0].endswith(" locality")]
        self.assertEqual(boards, ["North locality"])
        p = self.run_cli("export", "appendix", "--year", "2025/26", "--out", os.path.join(self.dir, "x.xlsx"),
                         "--locality", "Nowhere", ok=False)
        self.assertIn("Nowhere", p.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "x.xlsx")))


def main():
    """Runs each test and reports it as TAP, so every case is counted."""
    return pw_tap.run(list(unittest.defaultTestLoader.loadTestsFromTestCase(Boards)))


if __name__ == "__main__":
    sys.exit(main())
