# Debian 12 packages PCN Workbook needs; sourced by run.sh and test.sh.
# SPDX-License-Identifier: GPL-3.0-or-later

BUILD_PACKAGES=(
  meson ninja-build gcc pkg-config gettext
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev
  libsqlite3-dev libxlsxwriter-dev libcsv-dev libzip-dev libexpat1-dev
  libxml2-utils desktop-file-utils appstream
  libpq-dev   # team workbooks on a PostgreSQL server
)
# LibreOffice prints the exports to PDF for the print checks, poppler reads
# the words back, and Carlito/Liberation stand in for Calibri/Arial so the
# widths match an office PC's.
TEST_PACKAGES=(xvfb xauth dbus python3 python3-openpyxl libxtst6   # libxtst6: real input in the window tests
  libreoffice-calc-nogui poppler-utils fonts-crosextra-carlito fonts-liberation
  postgresql-15)   # a private server for the team workbook tests (build-aux/pg-test-server.sh)
# build-aux/fuzz.sh: libFuzzer is in clang's runtime package.
FUZZ_PACKAGES=(clang libclang-rt-14-dev)

# Installs whichever of the named packages are missing (needs root).
install_missing () {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing packages; run this as root (or with sudo) to install them." >&2
    return 1
  fi
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# Configures (once) and builds into ./build.
build () {
  if [ ! -f build/build.ninja ]; then
    meson setup build || return 1
  fi
  ninja -C build
}

# Configures (once) and builds into ./build-asan with AddressSanitizer and
# UndefinedBehaviorSanitizer (b_lundef=false: the sanitizers' symbols come
# from their runtime, not from the libraries linked).  Arguments
# (--no-suite NAME ...) name suites that will not run: only what the other
# tests need is built (build-aux/test-targets.py), so run them with
# `meson test --no-rebuild`.
build_asan () {
  local targets
  if [ ! -f build-asan/build.ninja ]; then
    meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false || return 1
  fi
  targets=$(/usr/bin/python3 build-aux/test-targets.py build-asan "$@") || return 1
  # shellcheck disable=SC2086  # one file name per word
  ninja -C build-asan $targets
}
