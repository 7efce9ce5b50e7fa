#!/usr/bin/python3
"""build-aux/summarize-tests.py, the line test.sh ends with, on meson logs
made up for each case: it must not say a run passed when it did not.
SPDX-License-Identifier: GPL-3.0-or-later
"""
import json
import os
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pw_tap  # noqa: E402

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build-aux", "summarize-tests.py")


class Summary(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.start = time.time() - 1

    def tearDown(self):
        self.dir.cleanup()

    def summarize(self, *entries, extra=(), since=None):
        """The script's exit status and its lines, over one log of @entries."""
        path = os.path.join(self.dir.name, "testlog.json")
        with open(path, "w", encoding="utf-8") as log:
            for name, result, out in entries:
                log.write(json.dumps({"name": name, "result": result, "stdout": out,
                                      "starttime": time.time()}) + "\n")
        p = subprocess.run([sys.executable, SCRIPT, "--since", str(since or self.start), *extra, path],
                           capture_output=True, text=True)
        return p.returncode, p.stdout.splitlines()

    def test_counts_cases(self):
        rc, lines = self.summarize(("a", "OK", "1..2\nok 1 /x\nok 2 /y\n"), ("b", "OK", ""))
        self.assertEqual((0, "3 passed, 0 failed"), (rc, lines[-1]))

    def test_skips_and_expected_failures_are_not_passes(self):
        rc, lines = self.summarize(("a", "OK", "1..3\nok 1 x\nok 2 y # SKIP no LibreOffice\nnot ok 3 z # TODO later\n"))
        self.assertEqual((0, "1 passed, 0 failed, 1 skipped, 1 expected failures"), (rc, lines[-1]))

    def test_unexpected_pass_fails(self):
        rc, lines = self.summarize(("a", "OK", "1..1\nok 1 z # TODO later\n"))
        self.assertEqual((1, "0 passed, 1 failed"), (rc, lines[-1]))

    def test_crash_counts_missing_cases(self):
        rc, lines = self.summarize(("c", "ERROR", "1..5\nok 1 /a\nok 2 /b\n"))
        self.assertEqual((1, "2 passed, 3 failed"), (rc, lines[-1]))
        self.assertIn("FAILED c: 3 of 5 planned cases never ran (ERROR); its last line: ok 2 /b", lines)

    def test_bad_exit_after_passing_cases_fails(self):
        rc, lines = self.summarize(("c", "FAIL", "1..1\nok 1 /a\n"))
        self.assertEqual((1, "1 passed, 1 failed"), (rc, lines[-1]))

    def test_stale_log_fails(self):
        rc, lines = self.summarize(("a", "OK", "1..1\nok 1 x\n"), since=time.time() + 60)
        self.assertEqual(1, rc)
        self.assertTrue(any("from an earlier run" in line for line in lines))

    def test_missing_log_fails(self):
        p = subprocess.run([sys.executable, SCRIPT, os.path.join(self.dir.name, "none.json")],
                           capture_output=True, text=True)
        self.assertEqual((1, "0 passed, 1 failed"), (p.returncode, p.stdout.splitlines()[-1]))

    def test_no_display_fails_when_required(self):
        skipped = ("window", "SKIP", "1..0 # SKIP no display: run under xvfb-run\n")
        rc, lines = self.summarize(skipped)
        self.assertEqual((0, "0 passed, 0 failed, 1 skipped"), (rc, lines[-1]))
        rc, lines = self.summarize(skipped, extra=("--display-required",))
        self.assertEqual((1, "0 passed, 1 failed"), (rc, lines[-1]))


def main():
    return pw_tap.run(list(unittest.defaultTestLoader.loadTestsFromTestCase(Summary)))

if __name__ == "__main__":
    sys.exit(main())
