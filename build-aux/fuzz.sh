#!/usr/bin/env bash
# Builds the libFuzzer targets in tests/fuzz/ with clang (ASan + UBSan) into
# build-fuzz/, runs each for SECONDS_PER_TARGET seconds (default 10) from its
# seed corpus, and prints one line per target with its execution count.
# Exits non-zero if any target finds a crash, a leak, undefined behaviour or
# a slow input; the input is kept in build-fuzz/crashes/.
#
#   bash build-aux/fuzz.sh [SECONDS_PER_TARGET]
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
out=build-fuzz
. build-aux/packages.sh
install_missing "${BUILD_PACKAGES[@]}" clang libclang-rt-14-dev || exit 1

importers=(profiles maturity swot achievements arrs funding board_members actions risks)
flags=(-g -O1 -std=gnu11 -D_GNU_SOURCE -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74
       -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74 -fno-omit-frame-pointer
       -fsanitize=address,undefined -fno-sanitize-recover=all -Iapp -Iapp/store -Iapp/export -I"$out"
       $(pkg-config --cflags glib-2.0 gio-2.0 gobject-2.0 gmodule-no-export-2.0 sqlite3 libpq xlsxwriter libzip expat))
libs=($(pkg-config --libs glib-2.0 gio-2.0 gobject-2.0 gmodule-no-export-2.0 sqlite3 libpq xlsxwriter libzip expat) -lcsv)

# The core library's sources: app/ and its folders, without the CLI.
core_sources () { ls app/pw-*.c app/*/pw-*.c | grep -v '^app/pw-cli'; }   # the CLI's own files

# An object's name says its folder too (app/store/pw-store.c -> app_store_pw-store.o).
object_of () { local o=${1//\//_}; echo "$out/obj/${o%.c}.o"; }

# The core library (app/ without the CLI), compiled into an archive; an
# object is rebuilt when its source, or any header in app/, is newer.
compile_one () {  # source
  local obj
  obj=$(object_of "$1")
  if [ -f "$obj" ] && [ ! "$1" -nt "$obj" ] && [ -z "$(find app -name '*.h' -newer "$obj")" ]; then
    return 0
  fi
  # shellcheck disable=SC2086  # the flags are words
  clang $flags_string -fsanitize=fuzzer-no-link -c "$1" -o "$obj"
}

build_core () {
  mkdir -p "$out/obj" "$out/crashes" "$out/corpus"
  echo "*" > "$out/.gitignore"   # as meson does for build/
  [ -f "$out/config.h" ] || cat > "$out/config.h" <<'H'
#define APP_ID "uk.nhs.PcnWorkbook"
#define PACKAGE_VERSION "fuzz"
#define GETTEXT_PACKAGE "pcn-workbook"
#define LOCALEDIR "/usr/share/locale"
H
  # The contract reference data, as meson generates it for the schema.
  [ "$out/pw-contract-seed.h" -nt data/reference/contract.csv ] ||
    python3 build-aux/gen-contract.py data/reference/contract.csv "$out/pw-contract-seed.h" || return 1
  export -f compile_one object_of
  export out flags_string="${flags[*]}"
  core_sources | xargs -P 2 -I{} bash -c 'compile_one "$1"' bash {} || return 1
  # Objects of sources since removed (a file split in two) must not linger.
  local keep
  keep=$(core_sources | while read -r src; do object_of "$src"; done)
  for obj in "$out"/obj/*.o; do
    grep -qxF "$obj" <<< "$keep" || rm -f "$obj"
  done
  if [ ! -f "$out/libpw-core.a" ] || [ -n "$(find "$out/obj" -newer "$out/libpw-core.a")" ]; then
    rm -f "$out/libpw-core.a"
    ar rcs "$out/libpw-core.a" "$out"/obj/*.o
  fi
}

link_target () {  # name source [extra flags]
  local name=$1 src=$2
  shift 2
  [ "$out/$name" -nt "$out/libpw-core.a" ] && [ "$out/$name" -nt "$src" ] && return 0
  clang "${flags[@]}" -fsanitize=fuzzer "$@" "$src" "$out/libpw-core.a" "${libs[@]}" -o "$out/$name"
}

build_targets () {
  link_target fuzz-parse tests/fuzz/fuzz-parse.c || return 1
  link_target fuzz-xlsx-reader tests/fuzz/fuzz-xlsx-reader.c || return 1
  for kind in "${importers[@]}"; do
    link_target "fuzz-import-$kind" tests/fuzz/fuzz-import.c -DFUZZ_IMPORT="pw_import_$kind" || return 1
  done
}

echo "Building the fuzz targets in $out/ …"
if ! build_core || ! build_targets; then
  echo "fuzz: the targets do not build" >&2
  exit 1
fi

# Each target starts from its committed seeds (read only) and what earlier
# runs found (build-fuzz/corpus/NAME); CSV targets share a dictionary.
# Two run at a time; their lines are printed in order when all are done.
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export G_SLICE=always-malloc GIO_USE_VFS=local
[ -d /dev/shm ] && [ -w /dev/shm ] && export TMPDIR=/dev/shm   # workbooks without fsync cost

run_target () {  # name
  local name=$1 seeds dict=() status runs
  if [ "$name" = fuzz-parse ]; then
    seeds=tests/fuzz/corpus/parse
  elif [ "$name" = fuzz-xlsx-reader ]; then
    seeds=tests/fuzz/corpus/xlsx-reader
  else
    seeds=tests/fuzz/corpus/import-${name#fuzz-import-}
    dict=(-dict=tests/fuzz/csv.dict)
  fi
  mkdir -p "$out/corpus/$name"
  "$out/$name" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    "${dict[@]}" -artifact_prefix="$out/crashes/$name-" "$out/corpus/$name" "$seeds" > "$out/$name.log" 2>&1
  status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$name.log")
  if [ $status -eq 0 ]; then
    echo "$name: ${runs:-?} executions in ${seconds} s, no crash" > "$out/$name.result"
  else
    { echo "$name: FAILED after ${runs:-?} executions (exit $status); see $out/$name.log, input kept in $out/crashes/"
      grep -m 3 -E 'ERROR|runtime error|fails' "$out/$name.log" | sed 's/^/  /'
    } > "$out/$name.result"
  fi
  return $status
}
export -f run_target
export seconds

targets=(fuzz-parse fuzz-xlsx-reader "${importers[@]/#/fuzz-import-}")
rm -f "$out"/*.result
printf '%s\n' "${targets[@]}" | xargs -P 2 -I{} bash -c 'run_target "$1"' bash {}
failed=$?
for name in "${targets[@]}"; do
  cat "$out/$name.result" 2>/dev/null || { echo "$name: did not run"; failed=1; }
done
exit $((failed != 0))
