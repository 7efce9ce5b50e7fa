#!/usr/bin/env bash
# Installs what is missing, builds, and starts PCN Workbook on the default
# workbook (or the one given: build-aux/run.sh --database FILE).
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."
. build-aux/packages.sh
install_missing "${BUILD_PACKAGES[@]}"
build
# Uninstalled run: the settings schema is compiled into build/data.
export GSETTINGS_SCHEMA_DIR="$PWD/build/data"
exec build/ui/pcn-workbook "$@"
