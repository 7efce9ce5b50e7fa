#!/usr/bin/python3
"""Counts test cases in meson's testlog.json files and prints one line:
'N passed, N failed' (then ', N skipped', ', N expected failures' when any).

  summarize-tests.py [--since EPOCH] LOG [LOG ...]

Several logs (one per build, e.g. a sanitizer build) are summed.  With
--since, a log whose file or any of whose tests started before EPOCH is a
stale log from an earlier run: the summary refuses it and fails, so a run
in which `meson test` never ran cannot print a passing line.  A missing or
empty log fails too.

A TAP test (the GTest programs, the CLI script) counts each 'ok'/'not ok'
line; '# SKIP' counts as skipped, 'not ok # TODO' as an expected failure,
'ok # TODO' (an unexpected pass) as failed.  When the program's plan
('1..N') promises more cases than it reported, it crashed or stopped: each
missing case counts as failed.  A program that exits badly with every case
passed counts one more failure.  Any other test counts as one case, by the
result meson gave it.

With --display-required (test.sh always runs the window tests under Xvfb),
a program that skipped itself for want of a display ('1..0 # SKIP no
display') counts as failed: a broken Xvfb must not pass as a skip.
SPDX-License-Identifier: GPL-3.0-or-later
"""
import argparse
import json
import os
import re
import sys

CASE = re.compile(r"^(not ok|ok)\b[ \t]*(?:\d+\b)?(.*)$", re.M)
PLAN = re.compile(r"^1\.\.(\d+)", re.M)
NO_DISPLAY = re.compile(r"^1\.\.0\s*#\s*SKIP\b.*\bno display", re.M | re.I)
DIRECTIVE = re.compile(r"#\s*(SKIP|TODO)\b", re.I)
GOOD = ("OK", "SKIP", "EXPECTEDFAIL")


def last_words(out):
    """Where a program that stopped early was: its last line, if any (the
    last case it reported, or a '# ' message a case printed)."""
    lines = [line for line in out.splitlines() if line.strip()]
    return f"; its last line: {lines[-1].strip()[:200]}" if lines else ""


class Tally:
    def __init__(self, display_required=False):
        self.display_required = display_required
        self.passed = self.failed = self.skipped = self.xfail = 0
        self.notes = []

    def line(self):
        text = f"{self.passed} passed, {self.failed} failed"
        if self.skipped:
            text += f", {self.skipped} skipped"
        if self.xfail:
            text += f", {self.xfail} expected failures"
        return text

    def tap(self, name, result, out):
        cases = CASE.findall(out)
        plans = PLAN.findall(out)
        bad = 0
        for verdict, rest in cases:
            directive = DIRECTIVE.search(rest)
            kind = directive.group(1).upper() if directive else None
            if verdict == "ok" and kind is None:
                self.passed += 1
            elif verdict == "ok" and kind == "SKIP":
                self.skipped += 1
            elif verdict == "not ok" and kind == "TODO":
                self.xfail += 1
            else:
                bad += 1
                self.notes.append(f"{name}: {verdict}{rest}")
        missing = int(plans[-1]) - len(cases) if plans else 0
        if missing > 0:
            bad += missing
            self.notes.append(f"{name}: {missing} of {plans[-1]} planned cases never ran ({result})"
                              + last_words(out))
        if "Bail out!" in out and not bad:
            bad += 1
            self.notes.append(f"{name}: bailed out")
        if result not in GOOD and not bad:
            bad += 1
            self.notes.append(f"{name}: ended {result} after its cases")
        if not cases and self.display_required and NO_DISPLAY.search(out):
            bad += 1
            self.notes.append(f"{name}: skipped for want of a display, which this run must have")
        if not cases and (not plans or int(plans[-1]) == 0) and not bad:
            self.single(name, result)      # "1..0 # SKIP": the whole program skipped
        self.failed += bad

    def single(self, name, result):
        if result == "OK":
            self.passed += 1
        elif result == "SKIP":
            self.skipped += 1
        elif result == "EXPECTEDFAIL":
            self.xfail += 1
        else:
            self.failed += 1
            self.notes.append(f"{name}: {result}")

    def test(self, entry):
        name = entry.get("name", "?")
        result = entry.get("result", "ERROR")
        out = entry.get("stdout") or ""
        if CASE.search(out) or PLAN.search(out):
            self.tap(name, result, out)
        else:
            self.single(name, result)


def read_log(path, since, tally):
    """Adds one log's tests to @tally; returns an error message or None."""
    try:
        mtime = os.stat(path).st_mtime
        with open(path, encoding="utf-8") as log:
            entries = [json.loads(line) for line in log if line.strip()]
    except (OSError, ValueError) as e:
        return f"{path}: cannot read the test log: {e}"
    if not entries:
        return f"{path}: no test ran"
    if since is not None:
        # Lines test.sh writes itself (a failed build, the fuzz run) carry
        # no start time: the file's own time dates them.
        started = min((e["starttime"] for e in entries if e.get("starttime")), default=mtime)
        if mtime < since or started < since:
            return f"{path}: the log is from an earlier run (before this one started)"
    for entry in entries:
        tally.test(entry)
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--since", type=float,
                        help="seconds since the epoch when this run started")
    parser.add_argument("--display-required", action="store_true",
                        help="a test skipped for want of a display counts as failed")
    parser.add_argument("logs", nargs="+", help="meson-logs/testlog.json files")
    args = parser.parse_args()
    tally = Tally(args.display_required)
    errors = [e for e in (read_log(p, args.since, tally) for p in args.logs) if e]
    for note in tally.notes:
        print(f"FAILED {note}")
    for error in errors:
        print(f"ERROR {error}")
        tally.failed += 1
    print(tally.line())
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())
