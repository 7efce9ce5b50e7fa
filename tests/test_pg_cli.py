#!/usr/bin/python3
"""Team workbooks through pcn-workbook-cli: init on an empty PostgreSQL
database, the same appendix out of SQLite and PostgreSQL (every cell, its
style and the page set-up, read back with openpyxl), copy in and back, and
what a team workbook refuses (file backups).  Needs the private server of
build-aux/pg-test-server.sh (PW_TEST_PG_URI); skips without it.
SPDX-License-Identifier: GPL-3.0-or-later
"""
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pw_tap  # noqa: E402
import export_dump  # noqa: E402

CLI = os.environ.get("PW_CLI", "build/app/pcn-workbook-cli")
PSQL = "/usr/lib/postgresql/15/bin/psql"
BASE = os.environ.get("PW_TEST_PG_URI")


def new_database(name):
    """A new, empty database on the test server; its URI."""
    name = f"pwc_{os.getpid()}_{name}"
    subprocess.run([PSQL, BASE, "-q", "-c", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    return BASE.replace("/postgres?", f"/{name}?", 1)


def sql(uri, query):
    return subprocess.run([PSQL, uri, "-At", "-c", query], check=True, capture_output=True,
                          text=True).stdout.strip()


class TeamWorkbook(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.file = os.path.join(self.dir, "private.db")

    def tearDown(self):
        self.tmp.cleanup()

    def cli(self, db, *args, ok=True):
        p = subprocess.run([CLI, "--database", db, *args], capture_output=True, text=True, timeout=120)
        self.assertEqual(p.returncode, 0 if ok else 1, p.stderr)
        return p

    def appendix(self, db, name):
        out = os.path.join(self.dir, name)
        self.cli(db, "export", "appendix", "--year", "2025/26", "--out", out)
        return export_dump.dump(out)   # the export time is masked

    def test_init_creates_the_schema(self):
        uri = new_database("init")
        self.assertEqual(sql(uri, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "0")
        p = self.cli(uri, "init")
        self.assertIn("Workbook ready", p.stdout)
        self.assertEqual(sql(uri, "SELECT value FROM pw_meta WHERE key = 'user_version'"), "10")
        self.assertEqual(self.cli(uri, "check").stdout.strip(), "ok")

    def test_same_appendix_on_both_engines(self):
        uri = new_database("demo")
        self.cli(self.file, "demo")
        self.cli(uri, "demo")
        self.assertEqual(self.appendix(self.file, "a.xlsx"), self.appendix(uri, "b.xlsx"))

    def test_copy_in_and_back(self):
        uri = new_database("copy")
        back = os.path.join(self.dir, "offline.db")
        self.cli(self.file, "demo")
        p = self.cli(uri, "copy", "--from", self.file, "--to", uri)
        self.assertIn("Copied", p.stdout)
        self.cli(uri, "copy", "--from", uri, "--to", back)
        first = self.appendix(self.file, "a.xlsx")
        self.assertEqual(first, self.appendix(uri, "b.xlsx"))
        self.assertEqual(first, self.appendix(back, "c.xlsx"))
        # a second copy into the same team workbook is refused, nothing written
        before = sql(uri, "SELECT count(*) FROM pcn")
        p = self.cli(uri, "copy", "--from", self.file, "--to", uri, ok=False)
        self.assertIn("already holds data", p.stderr)
        self.assertEqual(sql(uri, "SELECT count(*) FROM pcn"), before)

    def test_backups_are_the_servers(self):
        uri = new_database("backups")
        self.cli(uri, "init")
        p = self.cli(uri, "backups", "list", ok=False)
        self.assertIn("its server keeps its backups", p.stderr)

    def login(self, who):
        """A server login for this test run (logins are the whole server's)."""
        name = f"pwc_{os.getpid()}_{who}"
        sql(BASE, f"DO $$ BEGIN CREATE ROLE {name} LOGIN; EXCEPTION WHEN duplicate_object THEN END $$")
        return name

    def test_init_makes_the_roles(self):
        uri = new_database("roles")
        groups = "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'pw\\_' || current_database() || '\\_%'"
        self.cli(uri, "init")
        self.assertEqual(sql(uri, groups), "4")
        self.cli(uri, "init")   # again: nothing new, nothing lost
        self.assertEqual(sql(uri, groups), "4")
        self.assertEqual(sql(uri, "SELECT count(*) FROM pg_policies WHERE tablename = 'pcn_return'"), "3")

    def test_admin_grant(self):
        uri = new_database("grant")
        self.cli(uri, "demo")
        self.cli(uri, "init")
        head, analyst = self.login("head"), self.login("analyst")
        p = self.cli(uri, "admin", "grant", head, "locality-head", "--locality", "Northmoor")
        self.assertIn(f"{head} is now locality-head for Northmoor", p.stdout)
        self.cli(uri, "admin", "grant", analyst, "analyst")
        grants = "SELECT count(*) FROM pw_grant"
        self.assertEqual(sql(uri, grants), "2")
        for args, says in [((head, "boss"), "“boss” is not a role"),
                           ((head, "locality-head", "--locality", "Atlantis"), "There is no locality “Atlantis”"),
                           ((head, "locality-head"), "add --locality NAME"),
                           (("nobody_at_all", "manager"), "There is no server user “nobody_at_all”")]:
            p = self.cli(uri, "admin", "grant", *args, ok=False)
            self.assertIn(says, p.stderr)
            self.assertIn("Nothing was changed", p.stderr)
        as_analyst = uri.replace("user=pw", f"user={analyst}")
        p = self.cli(as_analyst, "admin", "grant", analyst, "admin", ok=False)
        self.assertIn("Only an admin (or the workbook’s owner) gives roles; your role is analyst.", p.stderr)
        self.assertEqual(sql(uri, grants), "2")
        # the analyst reads and exports, and may not change anything
        self.appendix(as_analyst, "analyst.xlsx")
        p = self.cli(as_analyst, "roles", "add", "Herbalist", ok=False)
        self.assertIn("Your role (analyst) does not allow this change", p.stderr)
        self.assertIn("your role (analyst) reads and exports the team workbook", p.stderr)
        self.assertEqual(sql(uri, "SELECT count(*) FROM arrs_role WHERE name = 'Herbalist'"), "0")
        p = self.cli(uri, "admin", "revoke", analyst, "analyst")
        self.assertIn("is no longer analyst", p.stdout)
        self.assertEqual(sql(uri, grants), "1")
        p = self.cli(uri, "admin", "revoke", analyst, "analyst", ok=False)
        self.assertIn("does not hold that role", p.stderr)
        # init by a user who may not make roles: told so, no roles made
        maker = self.login("maker")
        sql(BASE, f"DROP DATABASE IF EXISTS {maker}_db")
        sql(BASE, f"CREATE DATABASE {maker}_db OWNER {maker}")
        theirs = BASE.replace("/postgres?", f"/{maker}_db?", 1).replace("user=pw", f"user={maker}")
        p = self.cli(theirs, "init", ok=False)
        self.assertIn("the server user needs the right to create roles", p.stderr)
        self.assertEqual(sql(theirs, "SELECT count(*) FROM pg_tables WHERE tablename = 'pw_grant'"), "0")
        # a private workbook has no roles
        self.cli(self.file, "init")
        p = self.cli(self.file, "admin", "grant", head, "manager", ok=False)
        self.assertIn("a private workbook file", p.stderr)

    def test_wrong_address(self):
        p = self.cli("postgresql://localhost/db?nosuchoption=1", "list", "pcns", ok=False)
        self.assertIn("is not a PostgreSQL address", p.stderr)


class NoClientLibrary(unittest.TestCase):
    """libpq is loaded when a team workbook is first opened: one that cannot
    be loaded, or lacks a call, is a clear refusal, and a workbook in a file
    needs none.  LD_LIBRARY_PATH puts a stand-in first where it is sought."""

    def run_with_libpq(self, make, *args):
        with tempfile.TemporaryDirectory() as d:
            make(os.path.join(d, "libpq.so.5"))
            env = dict(os.environ, LD_LIBRARY_PATH=d)
            return subprocess.run([CLI, *args], capture_output=True, text=True, env=env, timeout=60)

    def test_unloadable(self):
        def junk(path):
            with open(path, "w") as f:
                f.write("not a library\n")
        p = self.run_with_libpq(junk, "--database", "postgresql://localhost/db", "list", "pcns")
        self.assertEqual(p.returncode, 1)
        self.assertIn("PostgreSQL's client library cannot be loaded", p.stderr)
        self.assertIn("libpq.so.5", p.stderr)
        self.assertIn("install libpq", p.stderr)

    def test_too_old(self):
        libz = next(p for p in ("/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib/x86_64-linux-gnu/libz.so.1",
                                "/lib/aarch64-linux-gnu/libz.so.1") if os.path.exists(p))
        p = self.run_with_libpq(lambda path: os.symlink(libz, path),
                                "--database", "postgresql://localhost/db", "list", "pcns")
        self.assertEqual(p.returncode, 1)
        self.assertRegex(p.stderr, r"client library \(libpq\.so\.5\) has no PQ\w+: it is too old")

    def test_file_workbook_needs_none(self):
        with tempfile.TemporaryDirectory() as d:
            db = os.path.join(d, "w.db")
            p = self.run_with_libpq(lambda path: None, "--database", db, "init")
            self.assertEqual(p.returncode, 0, p.stderr)


def main():
    """Runs each test and reports it as TAP, so every case is counted; the
    server's cases skip without one."""
    team = TeamWorkbook
    if BASE is None:
        team = unittest.skip("no PostgreSQL server: PW_TEST_PG_URI is not set (build-aux/test.sh sets it)")(team)
    return pw_tap.run(pw_tap.cases(NoClientLibrary) + pw_tap.cases(team))


if __name__ == "__main__":
    sys.exit(main())
