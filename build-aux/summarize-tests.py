#!/usr/bin/python3
"""Counts test cases in meson's testlog.json files and prints one line
'N passed, N failed' for all of them together.

    summarize-tests.py [--since EPOCH] TESTLOG.json...

A log that is missing, or older than EPOCH (left by an earlier run), counts
as one failed case.

A TAP test (the GTest programs) counts each of its 'ok'/'not ok' lines; any
other test counts as one case.  A test that crashed or timed out counts as
failed even if its finished cases passed.
SPDX-License-Identifier: GPL-3.0-or-later
"""
import argparse
import json
import os
import re
import sys

args = argparse.ArgumentParser()
args.add_argument("--since", type=float, default=0)
args.add_argument("logs", nargs="+")
args = args.parse_args()

passed = failed = skipped = 0


def stale(path):
    try:
        return os.stat(path).st_mtime < args.since
    except OSError:
        return True


for path in args.logs:
    if stale(path):
        print(f"{path}: missing or older than this run", file=sys.stderr)
        failed += 1
        continue
    with open(path, encoding="utf-8") as log:
        for line in log:
            test = json.loads(line)
            result = test["result"]
            out = test.get("stdout") or ""
            oks = re.findall(r"^(not ok|ok)\b(.*)$", out, re.M)
            if oks:
                for verdict, rest in oks:
                    if "# SKIP" in rest:
                        skipped += 1
                    elif verdict == "ok":
                        passed += 1
                    else:
                        failed += 1
                if result not in ("OK", "EXPECTEDFAIL") and not any(v == "not ok" for v, _ in oks):
                    failed += 1
            elif result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1

line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed else 0)
