#!/usr/bin/env bash
# Speed at national scale, each job beside its floor, in one run:
# tests/bench/bench-scale.c generates the national data set (1,250 PCNs,
# 6,250 practices, 25,000 maturity rows over four years, ARRS, SWOT,
# funding), times each job PW_BENCH_RUNS times (min and median) with its
# floor (libcsv + bare SQLite inserts in one transaction; raw libxlsxwriter
# writing the cells the export wrote) and prints the ratio.  Then the
# growth check at 12,500 PCNs, and the export's peak memory at both sizes
# (/usr/bin/time -v on pcn-workbook-cli).  With a display (or under
# `xvfb-run -a -s "-screen 0 1440x900x24"`), the window part runs too, in
# software rendering (GSK_RENDERER=cairo unless set): start-up to the first
# frame beside an empty libadwaita window (tests/bench/bench-empty-window),
# search, year switch and selecting a PCN beside theirs (bench-window.c).
# Nothing here passes or fails on a time.
#
#   PW_BENCH_RUNS=N   runs per job (default 5)
#   PW_BENCH_GROWTH=0 skip the 12,500-PCN run (a few minutes)
#   PW_BENCH_WINDOW_DB=FILE  the window's rows alone, on FILE: a national
#                     workbook kept by `PW_BENCH_KEEP=FILE build/tests/bench-scale`
#   PW_SCREENSHOT_DIR=DIR  with the window's rows, saves the overview and each
#                     tab of one PCN as PNGs in DIR (to compare how the app looks)
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d build ] || meson setup build >/dev/null
ninja -C build >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TESTS_SRCDIR=$PWD/tests XDG_DATA_HOME=$tmp/data GSETTINGS_SCHEMA_DIR=$PWD/build/data \
       GSETTINGS_BACKEND=memory GTK_A11Y=none GSK_RENDERER=${GSK_RENDERER:-cairo}

peak () {  # db year
  /usr/bin/time -v build/app/pcn-workbook-cli --database "$1" export appendix --year "$2" \
    --out "$tmp/peak.xlsx" 2>&1 >/dev/null | sed -n 's/.*Maximum resident set size (kbytes): //p'
}

if [ -n "${PW_BENCH_WINDOW_DB:-}" ]; then
  PW_BENCH_WINDOW_DB=$(realpath "$PW_BENCH_WINDOW_DB") exec build/tests/bench-scale
fi

run () {  # n_pcns runs
  PW_BENCH_PCNS=$1 PW_BENCH_RUNS=$2 PW_BENCH_KEEP=$tmp/national-$1.db build/tests/bench-scale
  echo "export appendix, peak memory (whole process): $(( $(peak "$tmp/national-$1.db" 2022/23) / 1024 )) MB"
}

run 1250 "${PW_BENCH_RUNS:-5}"
if [ "${PW_BENCH_GROWTH:-1}" != 0 ]; then
  DISPLAY= run 12500 3
fi
