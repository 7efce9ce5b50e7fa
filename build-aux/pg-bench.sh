#!/usr/bin/env bash
# The national workbook on SQLite and on PostgreSQL, side by side
# (tests/bench/bench-pg.c): bench-scale makes the national workbook once,
# a private PostgreSQL server runs for the comparison and is stopped after.
# Nothing here passes or fails on a time.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d build ] || meson setup build >/dev/null
ninja -C build >/dev/null
tmp=$(mktemp -d)
pg_dir=$(mktemp -d /tmp/pw-pg-XXXXXX)
trap 'bash build-aux/pg-test-server.sh stop "$pg_dir"; rm -rf "$tmp"' EXIT
export TESTS_SRCDIR=$PWD/tests XDG_DATA_HOME=$tmp/data GSETTINGS_BACKEND=memory
PW_TEST_PG_URI=$(bash build-aux/pg-test-server.sh start "$pg_dir")
export PW_TEST_PG_URI
env -u DISPLAY -u WAYLAND_DISPLAY PW_BENCH_RUNS=1 PW_BENCH_KEEP=$tmp/national.db build/tests/bench-scale >/dev/null
build/tests/bench-pg "$tmp/national.db"
