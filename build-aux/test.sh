#!/usr/bin/env bash
# Installs what is missing, builds, runs every test (GTK tests in a real
# window under Xvfb, with a private session bus) twice: once as built for
# users (build/) and once under AddressSanitizer + UndefinedBehaviorSanitizer
# (build-asan/); then fuzzes the importers for a few seconds each when
# build-aux/fuzz.sh is there.  Between the two, a small sample of
# deliberate bugs in app/ shows whether the tests catch them.  Ends with
# one line counting every case of every run: "N passed, N failed"
# (", N skipped" when any were).
#
#   PW_FAST=1          skip the sanitizer build, the mutation sample and
#                      the fuzzing (local use; CI always runs everything)
#   PW_FUZZ_SECONDS=N  fuzz each target for N seconds (default 3)
#   PW_ASAN_GUI=1      run the window tests under the sanitizers too (about
#                      four minutes more)
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -uo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
fast=${PW_FAST:-0}
fuzz_seconds=${PW_FUZZ_SECONDS:-3}
. build-aux/packages.sh

packages=("${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}")
[ -f build-aux/fuzz.sh ] && [ "$fast" != 1 ] && packages+=("${FUZZ_PACKAGES[@]}")
install_missing "${packages[@]}" || exit 1

# One meson-style log line for a step that is not a meson test (a build
# that failed, the fuzz run), so the summary counts it as one case.
record () {  # name OK|FAIL file
  mkdir -p "$(dirname "$3")"
  printf '{"name": "%s", "result": "%s", "stdout": ""}\n' "$1" "$2" > "$3"
}

# Runs the whole suite in build dir $1; its old log goes first, so a log
# from an earlier run can never be counted.  dbus-run-session gives GTK the
# session bus Xvfb lacks, so it has no "Unable to acquire session bus"
# warning to turn fatal.
run_suite () {  # build-dir [meson test options]
  local dir=$1
  shift
  rm -f "$dir/meson-logs/testlog.json"
  dbus-run-session -- xvfb-run -a -s "-screen 0 1440x900x24" \
    meson test -C "$dir" --print-errorlogs "$@"
}

# Seconds since the start, for the log: CI's time budget is 10 minutes.
elapsed () { echo "== $1 at $(( $(date +%s) - start )) s"; }

status=0
logs=(build/meson-logs/testlog.json)

# A private PostgreSQL server for the team workbook tests (the -pg
# entries): started here, stopped on the way out, whatever happens.  One
# that does not start is a failure, not a skip.
pg_dir=$(mktemp -d /tmp/pw-pg-XXXXXX)
trap 'bash build-aux/pg-test-server.sh stop "$pg_dir"' EXIT
if PW_TEST_PG_URI=$(bash build-aux/pg-test-server.sh start "$pg_dir"); then
  export PW_TEST_PG_URI
else
  record pg-test-server FAIL build/pg-test-server.json
  logs+=(build/pg-test-server.json)
  status=1
fi
elapsed "PostgreSQL test server up"
if build; then
  # Four at once on two cores: the window tests spend most of their time
  # waiting for frames and timers, so two more keep the cores busy.
  run_suite build --num-processes 4 || status=1
else
  record build FAIL build/meson-logs/testlog.json
  status=1
fi

elapsed "suite done"

# A few deliberate bugs in app/, one at a time, in the build just tested
# (build-aux/mutate.py; at most 70 s of tests: a mutant whose tests run
# past that, such as one that loops for ever, is ended and not counted;
# a survivor, which faces every test, takes about 55 s on its own).  The
# commit picks them, so each commit tries others.  A survivor is printed for a person to kill with a
# test or explain as equivalent, but does not fail the run: it is usually
# old code the commit did not touch, and a red run that depends on which
# mutants a hash drew would teach people to ignore red runs.  The step
# fails only when the script itself cannot run.
if [ "$fast" != 1 ] && [ "$status" = 0 ]; then
  echo "== A sample of deliberate bugs in app/ (build-aux/mutate.py)"
  logs+=(build/meson-logs/mutation-sample.json)
  seed=$(git rev-parse HEAD 2>/dev/null || date +%F)
  if /usr/bin/python3 build-aux/mutate.py --builddir build --sample 6 --seed "$seed" \
       --budget 70 --no-baseline; then
    record mutation-sample OK build/meson-logs/mutation-sample.json
  else
    record mutation-sample FAIL build/meson-logs/mutation-sample.json
    status=1
  fi
  elapsed "mutation sample done"
fi

if [ "$fast" != 1 ]; then
  echo "== The same tests under AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/)"
  logs+=(build-asan/meson-logs/testlog.json)
  # The window tests under the sanitizers take four minutes more than the
  # whole budget allows: they run with PW_ASAN_GUI=1 (the GTK-free suites
  # always do).
  asan_gui=(--no-suite gui)
  # Leaks inside system libraries are suppressed by name (tests/lsan.supp):
  # the window's libraries (fontconfig, GTK's file chooser) need the slow
  # unwinder, ten frames deep, to give their stacks the names to match.
  # The GTK-free programs need no suppression but _dl_init's, which the
  # fast unwinder finds too, and run two and a half times as fast with it
  # (357 s of test time against 145 s); a leak of ours is caught by both.
  unwind=1
  [ "${PW_ASAN_GUI:-0}" = 1 ] && asan_gui=() && unwind=0
  # Sanitized programs run two to three times slower: so may their time
  # limits.  The print check is left out here: it measures LibreOffice's pages of
  # the same files, which the sanitizers have nothing to add to.
  # GL is off here: Mesa's driver leaks and is unloaded before the leak
  # report, so its leak cannot be told apart by name; build/ runs with GL.
  if build_asan --no-suite print "${asan_gui[@]}"; then
    LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0" \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:fast_unwind_on_malloc=$unwind:malloc_context_size=10 \
    GDK_DEBUG=gl-disable PW_CRASH_TRIALS=${PW_CRASH_TRIALS:-20} \
      run_suite build-asan --no-rebuild --num-processes 2 --no-suite print "${asan_gui[@]}" --timeout-multiplier 3 || status=1
  else
    record build-asan FAIL build-asan/meson-logs/testlog.json
    status=1
  fi
  elapsed "sanitizer suite done"

  if [ -f build-aux/fuzz.sh ] && [ "$fuzz_seconds" -gt 0 ]; then
    echo "== Fuzzing each target for $fuzz_seconds s"
    logs+=(build-fuzz/testlog.json)
    rm -f build-fuzz/testlog.json
    if bash build-aux/fuzz.sh "$fuzz_seconds"; then
      record fuzz OK build-fuzz/testlog.json
    else
      record fuzz FAIL build-fuzz/testlog.json
      status=1
    fi
    elapsed "fuzzing done"
  fi
else
  echo "PW_FAST=1: no sanitizer build, no fuzzing"
fi

elapsed "all done"
/usr/bin/python3 build-aux/summarize-tests.py --since "$start" --display-required "${logs[@]}" || status=1
exit $status
