"""Runs unittest cases one by one and reports each as a TAP line, so the
summary counts every case (skips as '# SKIP'); shared by the newer Python
test files.
SPDX-License-Identifier: GPL-3.0-or-later
"""
import signal
import unittest


def stopped(signum, frame):
    """SIGTERM: raised as KeyboardInterrupt, which unittest lets through
    (any other exception it would record as the test's error and go on)."""
    raise KeyboardInterrupt


def run(tests, setup=None, teardown=None):
    """Runs @tests (TestCase instances), between @setup and @teardown when
    given; returns the exit status: 1 when any failed.  A SIGTERM (meson
    ending the run at its first failure or a time-out, mutate.py) ends it
    through the teardowns, so no temporary folder is left behind."""
    signal.signal(signal.SIGTERM, stopped)
    print(f"1..{len(tests)}")
    if setup:
        setup()
    failed = 0
    try:
        for number, test in enumerate(tests, 1):
            result = unittest.TestResult()
            test.run(result)
            ok = result.wasSuccessful() and not result.unexpectedSuccesses
            failed += not ok
            name = test.id().split(".")[-1]
            # Skips and expected failures are TAP directives, so the
            # summary does not count them as passed.
            if ok and result.skipped:
                print(f"ok {number} {name} # SKIP {result.skipped[0][1]}")
            elif ok and result.expectedFailures:
                print(f"not ok {number} {name} # TODO expected failure")
            else:
                print(f"{'ok' if ok else 'not ok'} {number} {name}")
            for _, trace in result.errors + result.failures:
                print("# " + trace.rstrip().replace("\n", "\n# "))
    finally:
        if teardown:
            teardown()
    return 1 if failed else 0


def cases(cls):
    """The test cases @cls itself defines (not those it inherits)."""
    return [cls(name) for name in sorted(vars(cls)) if name.startswith("test_")]
