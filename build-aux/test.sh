#!/usr/bin/env bash
# Installs what is missing, builds, runs every test (GTK tests in a real
# window under Xvfb, with a private session bus), then prints one line:
# "N passed, N failed" (", N skipped" when any were).
# SPDX-License-Identifier: GPL-3.0-or-later
set -uo pipefail
cd "$(dirname "$0")/.."
. build-aux/packages.sh
install_missing "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}" || exit 1
build || { echo "0 passed, 1 failed"; exit 1; }

# dbus-run-session gives GTK the session bus Xvfb lacks, so it has no
# "Unable to acquire session bus" warning to turn fatal.
dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
  meson test -C build --print-errorlogs --num-processes 2
status=$?
/usr/bin/python3 build-aux/summarize-tests.py build/meson-logs/testlog.json || status=1
exit $status
