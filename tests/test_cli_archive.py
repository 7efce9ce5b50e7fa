#!/usr/bin/python3
"""pcn-workbook-cli's pcn and locality commands end to end: archiving,
deleting and merging on real SQLite files, exports read back with openpyxl.
SPDX-License-Identifier: GPL-3.0-or-later
"""
import os
import subprocess
import sys
import unittest

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pw_tap  # noqa: E402
from test_cli import CLI, Cli, dump  # noqa: E402

MATURITY = "pcn_code,year,domain,level\nU11111,2021/22,leadership,Step 1\nU33333,2020/21,data,Foundation\n"


class Archive(unittest.TestCase):
    setUp = Cli.setUp
    tearDown = Cli.tearDown
    run_cli = Cli.run_cli
    write = Cli.write
    imported = Cli.imported

    def with_returns(self):
        self.imported()
        self.run_cli("import", "maturity", self.write("m.csv", MATURITY))

    def codes_exported(self, year):
        out = os.path.join(self.dir, f"a-{year.replace('/', '-')}.xlsx")
        self.run_cli("export", "appendix", "--year", year, "--out", out)
        ws = openpyxl.load_workbook(out)["PCN profiles"]
        return {c for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str) and c[:1] == "U"
                and c[1:].isdigit()}

    def listed(self):
        return {l.split("\t")[0]: l.split("\t") for l in self.run_cli("list", "pcns").stdout.splitlines()}

    def test_help(self):
        p = subprocess.run([CLI, "--help"], capture_output=True, text=True)
        for words in ("pcn archive CODE --year Y", "pcn unarchive CODE", "pcn delete CODE", "pcn merge FROM INTO",
                      "locality delete NAME", "locality merge FROM INTO"):
            self.assertIn(words, p.stdout)

    def test_delete_refused_with_returns(self):
        self.with_returns()
        before = dump(self.db)
        p = self.run_cli("pcn", "delete", "U11111", ok=False)
        self.assertIn("Cannot delete U11111 Alder PCN: it has 1 return (2021/22)", p.stderr)
        self.assertIn("archived from 2022/23", p.stderr)
        self.assertEqual(before, dump(self.db))
        p = self.run_cli("pcn", "delete", "U99999", ok=False)
        self.assertIn("There is no PCN with the code U99999", p.stderr)

    def test_delete_keeps_practices(self):
        self.imported()
        p = self.run_cli("pcn", "delete", "u22222")
        self.assertIn("Deleted U22222", p.stdout)
        self.assertNotIn("U22222", self.listed())
        self.assertEqual(dump(self.db)["practice"][2][3], None)   # Cedar Surgery: no PCN now

    def test_archive_hides_from_later_years(self):
        self.with_returns()
        p = self.run_cli("pcn", "archive", "U33333", "--year", "2021/22")
        self.assertIn("Archived U33333 Birch PCN from 2021/22", p.stdout)
        self.assertEqual(self.listed()["U33333"][-1], "archived from 2021/22")
        self.assertIn("U33333", self.codes_exported("2020/21"))
        self.assertNotIn("U33333", self.codes_exported("2021/22"))
        self.assertNotIn("U33333", self.codes_exported("2023/24"))
        self.assertEqual({"U11111", "U22222"}, self.codes_exported("2021/22"))
        returns = self.run_cli("returns", "--year", "2021/22").stdout
        self.assertNotIn("U33333", returns)
        self.assertIn("U33333", self.run_cli("returns", "--year", "2020/21").stdout)
        self.run_cli("pcn", "unarchive", "U33333")
        self.assertIn("U33333", self.codes_exported("2023/24"))

    def test_archive_refused_and_needs_year(self):
        self.with_returns()
        before = dump(self.db)
        p = self.run_cli("pcn", "archive", "U11111", "--year", "2021/22", ok=False)
        self.assertIn("Cannot archive U11111 Alder PCN from 2021/22: it has 1 return (2021/22)", p.stderr)
        p = self.run_cli("pcn", "archive", "U11111", ok=False)
        self.assertIn("--year", p.stderr)
        self.assertEqual(before, dump(self.db))

    def test_merge(self):
        self.with_returns()
        p = self.run_cli("pcn", "merge", "U33333", "U11111")
        self.assertIn("Merged U33333 Birch PCN into U11111 Alder PCN", p.stdout)
        listed = self.listed()
        self.assertNotIn("U33333", listed)
        self.assertEqual(listed["U11111"][3], "3")
        statuses = self.run_cli("returns").stdout
        self.assertIn("2020/21\tU11111", statuses)
        self.assertIn("2021/22\tU11111", statuses)

    def test_merge_refused_on_same_year(self):
        self.with_returns()
        self.run_cli("import", "maturity", self.write("m2.csv", "pcn_code,year,domain,level\nU22222,2021/22,data,Step 2\n"))
        before = dump(self.db)
        p = self.run_cli("pcn", "merge", "U22222", "U11111", ok=False)
        self.assertIn("both have a return for 2021/22", p.stderr)
        self.assertEqual(before, dump(self.db))

    def test_localities(self):
        self.imported()
        p = self.run_cli("locality", "delete", "North", ok=False)
        self.assertIn("it has 2 PCNs", p.stderr)
        self.run_cli("locality", "merge", "north", "South")
        self.assertEqual({r[2] for r in self.listed().values()}, {"South"})
        self.run_cli("locality", "delete", "Nowhere", ok=False)
        p = self.run_cli("locality", "merge", "South", "South", ok=False)
        self.assertIn("itself", p.stderr)


def main():
    """Runs each test and reports it as TAP, so every case is counted."""
    return pw_tap.run(list(unittest.defaultTestLoader.loadTestsFromTestCase(Archive)))


if __name__ == "__main__":
    sys.exit(main())
