#!/usr/bin/env bash
# Builds the one-folder Linux bundle and proves it works: a fresh virtual environment with
# an ordinary (non-editable) install, PyInstaller with packaging/stancecoder.spec, then the
# bundle's own `stancecoder --smoke-test` (sample project, one coding, an export).
#
#   packaging/build-linux.sh [DIST]     the bundle lands in DIST/stancecoder (default: dist/)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
dist=$(realpath -m "${1:-$repo/dist}")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

python3 -m venv "$scratch/venv"
"$scratch/venv/bin/pip" install -q "$repo" "pyinstaller>=6.3"
"$scratch/venv/bin/pyinstaller" --noconfirm --log-level WARN \
    --distpath "$dist" --workpath "$scratch/build" "$repo/packaging/stancecoder.spec"

QT_QPA_PLATFORM=offscreen "$dist/stancecoder/stancecoder" --smoke-test
echo "bundle: $dist/stancecoder ($(du -sh "$dist/stancecoder" | cut -f1))"
