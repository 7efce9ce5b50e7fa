#!/usr/bin/python3
"""Crash test: kills the real pcn-workbook-cli with SIGKILL at random points
of imports, edits and exports, and checks after every kill that nothing is
damaged or half done:

- imports: the workbook passes integrity_check and foreign_key_check and
  holds exactly the state before the import or exactly the state after it
  (a canonical dump of every table); an import killed before its commit then
  runs to completion on the same file;
- edits: after k committed edits and a killed one, the workbook holds
  exactly the state after k or after k + 1 edits;
- exports: the target is absent (or the old file, byte for byte) or a
  complete xlsx that openpyxl reads; the workbook is unchanged.

Kill times are uniform over the command's measured run time (plus a fifth),
from a seeded generator, so a failure can be replayed with the same --seed.
Prints TAP, one case per kind.  Run by meson with PW_CLI set.

    crash.py [--trials N] [--seed S]      (also PW_CRASH_TRIALS, PW_CRASH_SEED)

SPDX-License-Identifier: GPL-3.0-or-later
"""
import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile

import openpyxl

CLI = os.environ.get("PW_CLI", "build/app/pcn-workbook-cli")
YEAR = "2021/22"
N_PCNS = 400
ROLES = ["Clinical pharmacist", "Care coordinator", "Dietitian", "Advanced practitioner"]
# Single edits, each its own command (and transaction), run in this order.
EDITS = [
    ["roles", "add", "Crash test role"],
    ["roles", "rate", "Crash test role", "40000", "--year", YEAR],
    ["roles", "rate", "Dietitian", "45000", "--year", YEAR],
    ["roles", "retire", "Care coordinator"],
]


def write_inputs(d, rng):
    """Three imports big enough to take a while: profiles, maturity, ARRS."""
    def csv(name, header, rows):
        path = os.path.join(d, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(header + "\n" + "".join(r + "\n" for r in rows))
        return path

    codes = [f"U{10000 + i}" for i in range(N_PCNS)]
    profiles = csv("profiles.csv", "pcn_code,pcn_name,locality,practice_code,practice_name,list_size",
                   [f"{c},PCN {c},Locality {i % 12},{chr(65 + j)}{c[1:]},Practice {c} {j},{rng.randint(2000, 20000)}"
                    for i, c in enumerate(codes) for j in range(5)])
    maturity = csv("maturity.csv", "pcn_code,year,domain,level",
                   [f"{c},{YEAR},{d},Step {rng.randint(1, 3)}"
                    for c in codes for d in ("leadership", "data", "integrating", "resources", "people")])
    arrs = csv("arrs.csv", "pcn_code,year,role,wte_in_post",
               [f"{c},{YEAR},{r},{rng.randint(0, 500) / 100}" for c in codes for r in ROLES])
    return profiles, maturity, arrs


def cli(db, *args, env):
    p = subprocess.run([CLI, "--database", db, *args], capture_output=True, text=True, env=env)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(args)}: {p.stderr.strip()}")


def timed(db, args, env, fresh_db=None):
    """The command's run time; the shorter of two runs when @fresh_db gives
    a new copy for the second (the first run may meet a cold cache)."""
    best = None
    for _ in range(2 if fresh_db else 1):
        if best is not None:
            db = fresh_db()
        t = time.monotonic()
        cli(db, *args, env=env)
        best = min(best or 1e9, time.monotonic() - t)
    return best


def kill_at(db, args, delay, env):
    """Runs the command and SIGKILLs it after @delay seconds.  Returns None
    if it was killed, else its failure ("" when it succeeded)."""
    with tempfile.TemporaryFile() as err:
        p = subprocess.Popen([CLI, "--database", db, *args], stdout=subprocess.DEVNULL, stderr=err, env=env)
        try:
            p.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            p.send_signal(signal.SIGKILL)
            p.wait()
            return None
        err.seek(0)
        return "" if p.returncode == 0 else f"exit {p.returncode}: {err.read().decode(errors='replace')[:500]}"


def check(db):
    """Problems found by SQLite's own checks (an empty list when sound)."""
    con = sqlite3.connect(db)
    try:
        problems = [r[0] for r in con.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {r}" for r in con.execute("PRAGMA foreign_key_check")]
        return problems
    finally:
        con.close()


def canonical(db):
    """Every table's rows, sorted, with change times and the writing connection's id
    (field_version.session) blanked: they differ run to run."""
    con = sqlite3.connect(db)
    try:
        dump = {}
        for (table,) in con.execute("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"):
            cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
            keep = [c if c not in ("at", "session") and not c.endswith("_at") else f"'' AS {c}" for c in cols]
            rows = con.execute(f"SELECT {', '.join(keep)} FROM {table}").fetchall()
            dump[table] = sorted(rows, key=repr)
        dump["user_version"] = con.execute("PRAGMA user_version").fetchone()
        return dump
    finally:
        con.close()


def fresh(base, d, name="trial.db"):
    """A copy of a closed workbook (no WAL left) to kill things in."""
    path = os.path.join(d, name)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.unlink(path + suffix)
    shutil.copyfile(base, path)
    return path


class Trials:
    def __init__(self, d, rng, env):
        self.d, self.rng, self.env = d, rng, env
        self.failures = []

    def fail(self, what):
        self.failures.append(what)

    def delay(self, duration):
        return self.rng.uniform(0, duration * 1.2)

    def killed(self, failure, what, tally):
        """Counts a command that ended before its kill; False if it failed."""
        if failure is not None:
            tally["not killed"] += 1
        if failure:
            self.fail(f"{what}: ended on its own and failed, {failure}")
        return not failure

    def sound(self, db, what):
        problems = check(db)
        if problems:
            self.fail(f"{what}: {problems[:3]}")
        return not problems

    def imports(self, steps, n):
        """steps: [(base db, import args)]; n trials spread over them."""
        tally = {"before": 0, "after": 0, "not killed": 0}
        refs = []
        for base, args in steps:
            done = fresh(base, self.d, "ref.db")
            took = timed(done, args, self.env, lambda: fresh(base, self.d, "ref.db"))
            refs.append((base, args, canonical(base), canonical(done), took))
        for i in range(n):
            base, args, before, after, took = refs[i % len(refs)]
            db = fresh(base, self.d)
            delay = self.delay(took)
            what = f"import {os.path.basename(args[-1])} killed at {delay:.3f} s"
            if not self.killed(kill_at(db, args, delay, self.env), what, tally):
                continue
            if not self.sound(db, what):
                continue
            state = canonical(db)
            if state == before:
                tally["before"] += 1
                cli(db, *args, env=self.env)   # the file still works: redo the import
                if canonical(db) != after:
                    self.fail(f"{what}: the import redone does not give the state after")
            elif state == after:
                tally["after"] += 1
            else:
                self.fail(f"{what}: neither the state before nor after the import")
        return tally

    def edits(self, base, n):
        tally = {"edit lost": 0, "edit kept": 0, "not killed": 0}
        db = fresh(base, self.d, "ref.db")
        states, took = [canonical(db)], []
        for e in EDITS:
            took.append(timed(db, e, self.env))
            states.append(canonical(db))
        for i in range(n):
            k = self.rng.randrange(len(EDITS))
            db = fresh(base, self.d)
            for e in EDITS[:k]:
                cli(db, *e, env=self.env)
            delay = self.delay(took[k])
            what = f"edit {k + 1} ({' '.join(EDITS[k][:2])}) killed at {delay:.3f} s"
            if not self.killed(kill_at(db, EDITS[k], delay, self.env), what, tally):
                continue
            if not self.sound(db, what):
                continue
            state = canonical(db)
            if state == states[k]:
                tally["edit lost"] += 1
            elif state == states[k + 1]:
                tally["edit kept"] += 1
            else:
                self.fail(f"{what}: neither the state after {k} nor after {k + 1} edits")
        return tally

    def exports(self, base, old_base, n):
        tally = {"absent": 0, "old": 0, "complete": 0, "not killed": 0, "temporaries left": 0}
        args_for = lambda out: ["export", "appendix", "--year", YEAR, "--out", out]
        out_dir = os.path.join(self.d, "out")
        os.mkdir(out_dir)
        old = os.path.join(self.d, "old.xlsx")
        cli(fresh(old_base, self.d, "ref.db"), *args_for(old), env=self.env)
        with open(old, "rb") as f:
            old_bytes = f.read()
        ref = os.path.join(self.d, "ref.xlsx")
        took = timed(fresh(base, self.d, "ref.db"), args_for(ref), self.env, lambda: fresh(base, self.d, "ref.db"))
        sheets = openpyxl.load_workbook(ref, read_only=True).sheetnames
        before = canonical(base)
        for i in range(n):
            db = fresh(base, self.d)
            for name in os.listdir(out_dir):
                os.unlink(os.path.join(out_dir, name))
            target = os.path.join(out_dir, "appendix.xlsx")
            had_old = i % 2 == 1
            if had_old:
                shutil.copyfile(old, target)
            delay = self.delay(took)
            what = f"export {'over an old file' if had_old else 'to a new file'} killed at {delay:.3f} s"
            if not self.killed(kill_at(db, args_for(target), delay, self.env), what, tally):
                continue
            tally["temporaries left"] += len(os.listdir(out_dir)) - os.path.exists(target)
            if self.sound(db, what) and canonical(db) != before:
                self.fail(f"{what}: the export changed the workbook")
            if not os.path.exists(target):
                tally["absent"] += 1
                if had_old:
                    self.fail(f"{what}: the old file is gone and no new one stands")
                continue
            with open(target, "rb") as f:
                if had_old and f.read() == old_bytes:
                    tally["old"] += 1
                    continue
            try:
                with zipfile.ZipFile(target) as z:
                    bad = z.testzip()
                if bad is not None:
                    raise ValueError(f"bad member {bad}")
                got = openpyxl.load_workbook(target, read_only=True).sheetnames
                if got != sheets:
                    raise ValueError(f"sheets {got}, expected {sheets}")
                tally["complete"] += 1
            except Exception as e:  # a half-written file fails in many ways
                self.fail(f"{what}: the target is not a complete workbook ({e})")
        return tally


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--trials", type=int, default=int(os.environ.get("PW_CRASH_TRIALS", "50")))
    ap.add_argument("--seed", type=int, default=int(os.environ.get("PW_CRASH_SEED", "1")))
    opts = ap.parse_args()
    rng = random.Random(opts.seed)
    n_imports = opts.trials // 2
    n_edits = (opts.trials - n_imports) // 2
    n_exports = opts.trials - n_imports - n_edits

    # A kill tests the process, not the disk: tmpfs spares the fsyncs' time.
    shm = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    with tempfile.TemporaryDirectory(prefix="pw-crash-", dir=shm) as d:
        env = dict(os.environ, TMPDIR=d)
        profiles, maturity, arrs = write_inputs(d, rng)
        empty = os.path.join(d, "empty.db")
        cli(empty, "init", env=env)
        with_profiles = fresh(empty, d, "profiles.db")
        cli(with_profiles, "import", profiles, env=env)
        with_maturity = fresh(with_profiles, d, "maturity.db")
        cli(with_maturity, "import", maturity, env=env)
        full = fresh(with_maturity, d, "full.db")
        cli(full, "import", arrs, env=env)

        trials = Trials(d, rng, env)
        print(f"# seed {opts.seed}, {opts.trials} trials")
        print("1..3")
        kinds = [
            ("imports are all or nothing", lambda: trials.imports(
                [(empty, ["import", profiles]), (with_profiles, ["import", maturity]),
                 (with_maturity, ["import", arrs])], n_imports), n_imports),
            ("a committed edit is all there or not at all", lambda: trials.edits(full, n_edits), n_edits),
            ("a killed export leaves no half-written file", lambda: trials.exports(full, with_profiles, n_exports),
             n_exports),
        ]
        failed = 0
        for number, (name, run, n) in enumerate(kinds, 1):
            trials.failures = []
            t = time.monotonic()
            tally = run()
            print(f"# {name}: {n} trials in {time.monotonic() - t:.1f} s: "
                  + ", ".join(f"{v} {k}" for k, v in tally.items()))
            for f in trials.failures:
                print(f"#   FAILED {f}")
            failed += bool(trials.failures)
            print(f"{'not ok' if trials.failures else 'ok'} {number} {name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
