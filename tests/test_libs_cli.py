#!/usr/bin/python3
"""libxlsxwriter and libzip through pcn-workbook-cli: they are loaded when
an export writes a workbook or a form is read, so one that cannot be
loaded, or lacks a call, is a clear refusal of that command only, and every
other command runs without them.  LD_LIBRARY_PATH puts a stand-in first
where each is sought (the dynamic linker refuses to start a program linked
with a stand-in that is no library).
SPDX-License-Identifier: GPL-3.0-or-later
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pw_tap  # noqa: E402

CLI = os.environ.get("PW_CLI", "build/app/pcn-workbook-cli")
XLSXWRITER = "libxlsxwriter.so.4"
LIBZIP = "libzip.so.4"
YEAR = "2025/26"


def junk(path):
    with open(path, "w") as f:
        f.write("not a library\n")


def libz(path):
    """A real library without the calls wanted."""
    real = next(p for p in ("/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib/x86_64-linux-gnu/libz.so.1",
                            "/lib/aarch64-linux-gnu/libz.so.1") if os.path.exists(p))
    os.symlink(real, path)


class Libraries(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="pw-libs-")
        cls.db = os.path.join(cls.tmp, "workbook.db")
        cls.forms = os.path.join(cls.tmp, "forms")
        os.mkdir(cls.forms)
        for args in (["init"], ["demo"], ["export", "forms", "--year", YEAR, "--pcn", "U90001", "--out", cls.forms]):
            p = subprocess.run([CLI, "--database", cls.db, *args], capture_output=True, text=True, timeout=120)
            assert p.returncode == 0, p.stderr
        cls.form = glob.glob(os.path.join(cls.forms, "*.xlsx"))[0]

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="pw-libs-", dir=self.tmp)
        self.libs = os.path.join(self.dir, "libs")
        os.mkdir(self.libs)

    def cli(self, *args, stand_ins=None, ok=True):
        """Runs the CLI with @stand_ins (file name → maker) first in the path."""
        for name, make in (stand_ins or {}).items():
            make(os.path.join(self.libs, name))
        env = dict(os.environ, LD_LIBRARY_PATH=self.libs)
        p = subprocess.run([CLI, "--database", self.db, *args], capture_output=True, text=True, env=env, timeout=120)
        self.assertEqual(p.returncode, 0 if ok else 1, p.stderr)
        return p

    def test_exports_without_xlsxwriter(self):
        out = os.path.join(self.dir, "out.xlsx")
        for args in (["export", "appendix", "--year", YEAR, "--out", out],
                     ["export", "review", "--year", YEAR, "--pcn", "U90001", "--out", out],
                     ["export", "forms", "--year", YEAR, "--pcn", "U90001", "--out", self.dir]):
            p = self.cli(*args, stand_ins={XLSXWRITER: junk}, ok=False)
            self.assertIn("cannot be loaded", p.stderr)
            self.assertIn(XLSXWRITER, p.stderr)
            self.assertIn("install libxlsxwriter", p.stderr)
            self.assertEqual(glob.glob(os.path.join(self.dir, "*.xlsx")), [])   # nothing half-written

    def test_xlsxwriter_too_old(self):
        p = self.cli("export", "appendix", "--year", YEAR, "--out", os.path.join(self.dir, "out.xlsx"),
                     stand_ins={XLSXWRITER: libz}, ok=False)
        self.assertRegex(p.stderr, r"\(libxlsxwriter\.so\.4\) has no \w+: it is too old")

    def test_forms_without_libzip(self):
        for args in (["import", "forms", "--year", YEAR, self.form], ["import", self.form]):
            p = self.cli(*args, stand_ins={LIBZIP: junk}, ok=False)
            self.assertIn("cannot be loaded", p.stderr)
            self.assertIn(LIBZIP, p.stderr)
            self.assertIn("install libzip", p.stderr)
        # A CSV told by its content still is one.
        csv = os.path.join(self.dir, "achievements.csv")
        with open(csv, "w") as f:
            f.write("pcn_code,year,text\nU90002,2026/27,Opened a hub\n")
        p = self.cli("import", csv, stand_ins={LIBZIP: junk})
        self.assertIn("1 items added", p.stdout)

    def test_libzip_too_old(self):
        p = self.cli("import", "forms", "--year", YEAR, self.form, stand_ins={LIBZIP: libz}, ok=False)
        self.assertRegex(p.stderr, r"\(libzip\.so\.4\) has no zip_\w+: it is too old")

    def test_the_rest_needs_neither(self):
        p = self.cli("list", "pcns", stand_ins={XLSXWRITER: junk, LIBZIP: junk})
        self.assertIn("U90001", p.stdout)


def main():
    return pw_tap.run(pw_tap.cases(Libraries), Libraries.setUpClass, Libraries.tearDownClass)


if __name__ == "__main__":
    sys.exit(main())
