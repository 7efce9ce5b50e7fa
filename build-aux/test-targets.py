#!/usr/bin/env python3
"""Prints the files a build must make for the tests outside the named suites.

    test-targets.py BUILDDIR [--no-suite SUITE]...

Meson 1.0's `meson test` builds every target before running, whichever
suites are chosen.  The sanitizer run leaves the window tests out, so it
builds only what its tests need (`ninja -C BUILDDIR $(test-targets.py ...)`,
then `meson test --no-rebuild`): the GTK front end, the window tests and
the benchmarks, half of the compiling under the sanitizers, are skipped.

SPDX-License-Identifier: GPL-3.0-or-later
"""
import argparse
import json
import os
import subprocess
import sys


def introspect(builddir, what):
    return json.loads(subprocess.check_output(["meson", "introspect", builddir, what]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("builddir")
    parser.add_argument("--no-suite", action="append", default=[])
    args = parser.parse_args()
    builddir = os.path.abspath(args.builddir)
    targets = {t["id"]: t for t in introspect(builddir, "--targets")}
    needed = set()
    for test in introspect(builddir, "--tests"):
        # Suites are "project:suite".
        if any(s.split(":")[-1] in args.no_suite for s in test["suite"]):
            continue
        needed.update(test["depends"])
    files = sorted({os.path.relpath(f, builddir)
                    for d in needed if d in targets for f in targets[d]["filename"]})
    if not files:
        sys.exit("no test of %s needs a target: is it configured?" % args.builddir)
    print("\n".join(files))


if __name__ == "__main__":
    main()
