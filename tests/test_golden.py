#!/usr/bin/python3
"""Last year's appendix made again today is the same paper: every export
the product makes (the committee appendix for each year, a locality pack,
the review of one PCN and of all, each return form) is dumped with
export_dump.py (cells, formats, fonts, fills, borders, protection,
validations, page set-up, charts, ...) and compared with the dump recorded
in tests/data/golden/, from two recorded workbooks:

  demo.db   what `pcn-workbook-cli demo` made on 26/11/2026 (a stored file,
            as the demo's years and board dates follow the day it is run);
  edge.db   a small hand-made workbook reaching what the demo does not
            (see make_edge below): empty sections, a PCN with no return,
            draft and submitted data, a board with no open actions, ...

"Today" is fixed by the recorded workbooks and --meeting-date (the day
"overdue" is reckoned at); only the export time on the cover is masked.

  test_golden.py               run as a test (TAP), PW_CLI = the program
  test_golden.py --record      write the dumps again after an intended
                               change (review `git diff tests/data/golden`)
  test_golden.py --make-edge   rebuild edge.db with the CLI, then --record

SPDX-License-Identifier: GPL-3.0-or-later
"""
import difflib
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import export_dump  # noqa: E402
import pw_tap  # noqa: E402

CLI = os.path.abspath(os.environ.get("PW_CLI", "build/app/pcn-workbook-cli"))
GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "golden")
COVER = ["--committee", "Primary Care Commissioning Committee", "--meeting-date", "25/11/2026",
         "--agenda-item", "7.2", "--title", "PCN returns", "--author", "A Analyst",
         "--lead", "B Director", "--version", "v0.3"]
# Every export: (recorded name, workbook, the CLI's arguments); OUT stands
# for the file or folder written.  A name ending in "/" is a folder of
# return forms, each recorded on its own.
EXPORTS = [
    ("demo-appendix-2025-26", "demo.db", ["export", "appendix", "--year", "2025/26", "--out", "OUT", *COVER]),
    ("demo-appendix-2026-27", "demo.db", ["export", "appendix", "--year", "2026/27", "--out", "OUT", *COVER]),
    # No returns yet: the PCNs with no figures, and the cover says so; no
    # cover options but the meeting date.
    ("demo-appendix-2027-28", "demo.db", ["export", "appendix", "--year", "2027/28", "--out", "OUT",
                                          "--meeting-date", "2027-05-04"]),
    ("demo-pack-northmoor-2026-27", "demo.db", ["export", "appendix", "--year", "2026/27", "--out", "OUT",
                                                "--locality", "Northmoor", *COVER]),
    ("demo-review-U90001-2026-27", "demo.db", ["export", "review", "--year", "2026/27", "--pcn", "U90001",
                                               "--out", "OUT"]),
    ("demo-review-all-2026-27", "demo.db", ["export", "review", "--year", "2026/27", "--all", "--out", "OUT"]),
    # No returns yet: the profile and funding only.
    ("demo-review-U90002-2027-28", "demo.db", ["export", "review", "--year", "2027/28", "--pcn", "U90002",
                                               "--out", "OUT"]),
    ("demo-forms-2026-27/", "demo.db", ["export", "forms", "--year", "2026/27", "--out", "OUT"]),
]


EDGE_EXPORTS = [
    ("edge-appendix-2023-24", "edge.db", ["export", "appendix", "--year", "2023/24", "--out", "OUT", *COVER[:2],
                                          "--meeting-date", "10/03/2024", "--title", "Edges"]),
    ("edge-appendix-2022-23", "edge.db", ["export", "appendix", "--year", "2022/23", "--out", "OUT",
                                          "--meeting-date", "2023-03-01"]),
    ("edge-pack-alder-2023-24", "edge.db", ["export", "appendix", "--year", "2023/24", "--out", "OUT",
                                            "--locality", "Alder", "--meeting-date", "10/03/2024"]),
    ("edge-pack-hazel-2023-24", "edge.db", ["export", "appendix", "--year", "2023/24", "--out", "OUT",
                                            "--locality", "Hazel", "--meeting-date", "10/03/2024"]),
    ("edge-review-all-2023-24", "edge.db", ["export", "review", "--year", "2023/24", "--all", "--out", "OUT"]),
    ("edge-review-U80005-2023-24", "edge.db", ["export", "review", "--year", "2023/24", "--pcn", "U80005",
                                               "--out", "OUT"]),
    ("edge-forms-2023-24/", "edge.db", ["export", "forms", "--year", "2023/24", "--out", "OUT"]),
    ("edge-forms-birch-2024-25/", "edge.db", ["export", "forms", "--year", "2024/25", "--out", "OUT",
                                              "--locality", "Birch"]),
    # Ash's form for the year after its return: last year's SWOT items and
    # DES statuses beside the empty fields, for reference.
    ("edge-forms-U80001-2024-25/", "edge.db", ["export", "forms", "--year", "2024/25", "--out", "OUT",
                                               "--pcn", "U80001"]),
    # The first and the last year the workbook takes.
    ("edge-forms-U80005-2000-01/", "edge.db", ["export", "forms", "--year", "2000/01", "--out", "OUT",
                                               "--pcn", "U80005"]),
    ("edge-review-U80005-2098-99", "edge.db", ["export", "review", "--year", "2098/99", "--pcn", "U80005",
                                               "--out", "OUT"]),
    ("edge-forms-U80005-2098-99/", "edge.db", ["export", "forms", "--year", "2098/99", "--out", "OUT",
                                               "--pcn", "U80005"]),
]
EXPORTS += EDGE_EXPORTS

# The hand-made workbook: what each file holds is there for an edge the
# demo does not reach.
EDGE = {
    # Hazel's one PCN has no return, no board and a name to escape; Ash has
    # a practice with no patients; Beech's manager works 0 WTE.
    "profiles": "pcn_code,pcn_name,locality,practice_code,practice_name,list_size,clinical_director,cd_wte,"
                "manager,manager_wte\n"
                "U80001,Ash PCN,Alder,Y80011,Ash Surgery,12001,Dr Ann Ash,0.25,Al Ash,1\n"
                "U80001,Ash PCN,Alder,Y80012,Ash Branch,0,Dr Ann Ash,0.25,Al Ash,1\n"
                "U80002,Beech PCN,Alder,Y80021,Beech Medical Centre,31999,Dr Bo Beech,0.5,Bea Beech,0\n"
                "U80003,Cedar PCN,Birch,Y80031,Cedar Practice,7654,,,,\n"
                "U80004,Damson PCN,Birch,Y80041,Damson House,10500,Dr Di Damson,0.33,Dee Damson,0.75\n"
                "U80005,O'Hare & Sons PCN,Hazel,Y80051,\"=SUM(1,2)\",4321,,,,\n",
    # Last year's for Ash only; this year's: every level, half steps, a
    # domain left out (no score), evidence with line breaks.
    "maturity": "pcn_code,year,domain,level,evidence,support_needed\n"
                "U80001,2022/23,\"Leadership, Planning & Partnerships\",Foundation,,\n"
                "U80001,2022/23,Use of data,Pre-Foundation,,\n"
                "U80001,2023/24,\"Leadership, Planning & Partnerships\",Foundation/Step 1,\"Minutes\nof the board\",\n"
                "U80001,2023/24,Use of data,Step 1,,Analyst time\n"
                "U80001,2023/24,Integrating care,Step 1/2,,\n"
                "U80001,2023/24,Managing resources,Step 2/3,,\n"
                "U80001,2023/24,Working with people and communities,Step 3,A survey,\n"
                "U80002,2023/24,Use of data,Pre-Foundation,,\n"
                "U80002,2023/24,Integrating care,Step 2,,\n"
                "U80003,2023/24,Managing resources,Foundation,,\n",
    # Beech's strengths run over a page: the table breaks, its heading again.
    "swot": "pcn_code,year,quadrant,text\n"
            "U80001,2023/24,S,Strong clinical leadership\n"
            "U80001,2023/24,W,\"=1+1 is not a formula\"\n"
            "U80001,2023/24,T,Estates\n"
            "U80002,2023/24,O,New health centre\n" +
            "".join(f"U80002,2023/24,S,Strength {i} of a SWOT longer than a page\n" for i in range(1, 46)),
    # Beech's run over a page: the table breaks and its heading repeats.
    "achievements": "pcn_code,year,text\n" + "".join(f"U80002,2023/24,Achievement {i} of 45\n" for i in range(1, 46)) +
                    "U80001,2023/24,Flu clinics for 4000 people\n"
                    "U80001,2023/24,\"A long achievement that wraps over more than one line of the sheet, so that "
                    "its row is taller than the others and still prints whole on A4\"\n",
    # WTE as of a day (the latest shown) for Ash and Beech, none for Cedar.
    "arrs": "pcn_code,year,role,wte_in_post,headcount,wte_planned,as_of\n"
            "U80001,2022/23,Clinical pharmacist,1,1,1,\n"
            "U80001,2023/24,Clinical pharmacist,2.5,3,3,31/12/2023\n"
            "U80001,2023/24,Paramedic,0.01,1,0.5,05/01/2024\n"
            "U80002,2023/24,Social prescribing link worker,1.25,2,1.25,09/11/2023\n"
            "U80003,2023/24,Care coordinator,0,0,1,\n"
            "U80003,2023/24,Podiatrist,0.5,1,0.5,\n",
    # Pence, a rate per patient that rounds half up, a stream ended; Beech's
    # clinical director funding recorded as £0 (shown as £0.00) beside
    # streams never entered (shown as "Not recorded").
    "funding": "pcn_code,year,stream,amount\n"
               "U80001,2023/24,arrs,\"£250,000.01\"\n"
               "U80001,2023/24,development,rate:0.66\n"
               "U80001,2023/24,cd,1234.56\n"
               "U80002,2023/24,arrs,99999.99\n"
               "U80002,2023/24,capacity,0.5\n"
               "U80002,2023/24,cd,0\n"
               "U80004,2023/24,development,rate:0.015\n",
    # Alder's board: an action due on the meeting day, one the day before,
    # one done, and more than a page of them (the table breaks with its
    # heading again); Birch's: none open.
    "board-members": "locality,name,organisation,sector,board_role,represents,joined,left\n"
                     "Alder,Dr Ann Ash,Ash PCN,primary care,chair,PCN clinical directors,01/04/2022,\n"
                     "Alder,Pat O'Neill,Alder Council,Local authority,Member,Adult social care,2022-04-01,\n"
                     "Alder,Jo Former,Alder FT,acute trust,vice chair,,01/04/2022,31/12/2023\n"
                     "Birch,Sam Lee,Cedar PCN,Primary care,Chair,,,\n",
    "actions": "locality,ref,action,owner,due,status,raised,done\n"
               "Alder,ALD-001,Due on the meeting day,Ann Ash,10/03/2024,open,01/10/2023,\n"
               "Alder,ALD-002,Due the day before,Pat O'Neill,09/03/2024,in progress,01/10/2023,\n"
               "Alder,ALD-003,Done long ago,Ann Ash,01/01/2024,done,01/10/2023,15/12/2023\n"
               "Alder,ALD-004,Dropped,Ann Ash,01/01/2024,dropped,,\n"
               "Birch,BIR-001,All done,Sam Lee,01/02/2024,done,,01/02/2024\n" +
               "".join(f"Alder,ALD-{i:03d},Open action {i} of a list longer than a page,Ann Ash,"
                       f"{i % 28 + 1:02d}/{1 + i // 28:02d}/2030,open,,\n" for i in range(10, 45)),
    "risks": "locality,ref,risk,likelihood,impact,owner,target,review\n"
             "Alder,R1,Scores 12,3,4,Ann Ash,8,31/03/2024\n"
             "Alder,R2,Scores 11 would be impossible: 11 is prime,1,5,Pat O'Neill,,\n"
             "Alder,R3,Scores 25,5,5,Pat O'Neill,,\n"
             "Birch,R1,Scores 9,3,3,Sam Lee,,\n",
}


def fill_plan(path):
    """Fills a return form's Plan sheet: every DES specification, projects
    (one due past the year's end) and proposals in pounds and pence."""
    import openpyxl
    wb = openpyxl.load_workbook(path)
    ws = wb["Plan"]
    statuses = ["Not started", "Planning", "Delivering", "Fully delivered"]
    row = 5
    while ws.cell(row, 1).value:
        ws.cell(row, 2).value = statuses[row % 4]
        ws.cell(row, 3).value = f"Note {row}" if row % 3 else None
        row += 1
    projects = ws.max_row
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, 1).value == "Project":
            projects = r + 1
        if ws.cell(r, 1).value == "Proposal":
            proposals = r + 1
    ws.cell(projects, 1).value, ws.cell(projects, 4).value = "Frailty hub", "31/03/2024"
    ws.cell(projects, 5).value = "On track"
    ws.cell(projects + 1, 1).value, ws.cell(projects + 1, 4).value = "Runs past the year", "30/06/2025"
    ws.cell(projects + 1, 5).value = "At risk"
    ws.cell(proposals, 1).value, ws.cell(proposals, 4).value = "Clinical lead time", 1234.56
    ws.cell(proposals + 1, 1).value, ws.cell(proposals + 1, 4).value = "Room hire", 0.01
    wb.save(path)


def make_edge(db):
    """Builds edge.db with the CLI alone (what a user could do), then the
    Ash PCN's 2023/24 plan through a return form sent back."""
    if os.path.exists(db):
        os.remove(db)
    with tempfile.TemporaryDirectory() as tmp:
        run_cli(db, ["init"], "")
        for kind, text in EDGE.items():
            path = os.path.join(tmp, kind + ".csv")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            run_cli(db, ["import", kind, path], "")
        run_cli(db, ["export", "forms", "--year", "2023/24", "--pcn", "U80001", "--out", tmp], "")
        form = [os.path.join(tmp, f) for f in os.listdir(tmp) if f.endswith(".xlsx")][0]
        fill_plan(form)
        run_cli(db, ["import", "forms", form, "--year", "2023/24"], "")
        # The smr specification ends a year early: Ash's plan for it is past its end.
        run_cli(db, ["contract", "years", "des", "smr", "2020/21", "2022/23"], "")
        # Rates for the roles in post but the care coordinator: Ash's and
        # Beech's claims are known; Cedar's is £0 (a podiatrist at a £0 rate)
        # with its care coordinator listed as having no rate.
        for role, amount in (("Clinical pharmacist", "58000.50"), ("Paramedic", "60000"),
                             ("Social prescribing link worker", "41000.01"), ("Podiatrist", "0")):
            run_cli(db, ["roles", "rate", role, amount, "--year", "2023/24"], "")


def run_cli(db, args, out):
    p = subprocess.run([CLI, "--database", db, *[out if a == "OUT" else a for a in args]],
                       capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        raise AssertionError(f"{' '.join(args)}: exit {p.returncode}: {p.stderr}")
    return p.stdout.replace(out, "OUT") if out else p.stdout


def make(tmp, name, db, args):
    """Runs one export in @tmp; returns {recorded file: dump}."""
    work = os.path.join(tmp, name.strip("/"))
    os.makedirs(work)
    copy = os.path.join(work, "workbook.db")       # opening may write (backups, checks)
    shutil.copyfile(os.path.join(GOLDEN, db), copy)
    out = os.path.join(work, "forms" if name.endswith("/") else "export.xlsx")
    said = "stdout " + repr(run_cli(copy, args, out)) + "\n"
    if not name.endswith("/"):
        return {name + ".dump": said + export_dump.dump(out)}
    dumps = {os.path.join(name, "stdout.txt"): said}
    for f in sorted(os.listdir(out)):
        dumps[os.path.join(name, f[:-5] + ".dump")] = export_dump.dump(os.path.join(out, f))
    return dumps


def recorded(name):
    """{recorded file: text} for one export (a folder: every file in it)."""
    if name.endswith("/"):
        folder = os.path.join(GOLDEN, name)
        names = [os.path.join(name, f) for f in sorted(os.listdir(folder))] if os.path.isdir(folder) else []
    else:
        names = [name + ".dump"] if os.path.exists(os.path.join(GOLDEN, name + ".dump")) else []
    texts = {}
    for n in names:
        with open(os.path.join(GOLDEN, n), encoding="utf-8") as f:
            texts[n] = f.read()
    return texts


def differences(want, got):
    """The first differences between two {file: text}, for a failure message."""
    lines = []
    for n in sorted(set(want) | set(got)):
        if n not in got:
            lines.append(f"{n}: recorded but not made\n")
        elif n not in want:
            lines.append(f"{n}: made but not recorded\n")
        elif want[n] != got[n]:
            recorded = want[n].splitlines(True)
            for line in list(difflib.unified_diff(recorded, got[n].splitlines(True),
                                                  "recorded/" + n, "made/" + n, n=2))[:60]:
                if line.startswith("@@ -"):        # name the sheet the change is on
                    start = int(line[4:].split(",")[0].split(" ")[0])
                    sheet = next((r.strip() for r in reversed(recorded[:start]) if r.startswith("== ")), "")
                    line = line.rstrip("\n") + f" {sheet}\n"
                lines.append(line)
        if len(lines) > 120:
            break
    return "".join(lines)


class Golden(unittest.TestCase):
    pass


def add_case(name, db, args):
    def test(self):
        with tempfile.TemporaryDirectory() as tmp:
            got = make(tmp, name, db, args)
        want = recorded(name)
        self.assertTrue(want, f"nothing recorded for {name}: run tests/test_golden.py --record")
        if got != want:
            self.fail(f"{name} differs from its recording (tests/data/golden/); if the change is intended, "
                      f"run tests/test_golden.py --record and review the diff:\n" + differences(want, got))
    test.__name__ = "test_" + name.strip("/").replace("-", "_")
    setattr(Golden, test.__name__, test)


for export in EXPORTS:
    add_case(*export)


def record():
    with tempfile.TemporaryDirectory() as tmp:
        for name, db, args in EXPORTS:
            if name.endswith("/"):
                shutil.rmtree(os.path.join(GOLDEN, name), ignore_errors=True)
            for n, text in make(tmp, name, db, args).items():
                os.makedirs(os.path.dirname(os.path.join(GOLDEN, n)), exist_ok=True)
                with open(os.path.join(GOLDEN, n), "w", encoding="utf-8") as f:
                    f.write(text)
                print("recorded", n)


def main():
    # Backups and checks of the copies go to a throwaway home; the locale
    # is the tests' (meson's), also when recording by hand.
    with tempfile.TemporaryDirectory() as home:
        os.environ["XDG_DATA_HOME"] = home
        os.environ["LC_ALL"] = "C.UTF-8"
        if "--make-edge" in sys.argv[1:]:
            make_edge(os.path.join(GOLDEN, "edge.db"))
        if "--record" in sys.argv[1:] or "--make-edge" in sys.argv[1:]:
            record()
            return 0
        return pw_tap.run(pw_tap.cases(Golden))


if __name__ == "__main__":
    sys.exit(main())
