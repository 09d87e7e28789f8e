#!/usr/bin/env bash
# Build the one-folder Linux app in dist/motif-studio/ from a clean clone, in one command:
#   bash packaging/build-linux.sh
# It creates a build venv (build/venv, kept apart from the developer's .venv so the bundle holds
# only what the app needs), installs the project, the bundled connector plugins and PyInstaller,
# and runs packaging/motif-studio.spec. Then try it: dist/motif-studio/motif-studio --help
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=build/venv
start=$(date +%s)
bash packaging/system-deps.sh
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --upgrade pip
# A regular (not editable) install: PyInstaller then sees the package exactly as users get it.
"$VENV/bin/python" -m pip install -q . "pyinstaller>=6.5"
for plugin in plugins/*/; do
  [ -f "$plugin/pyproject.toml" ] && "$VENV/bin/python" -m pip install -q "$plugin"
done
# Compile the translation catalogues so the bundle carries the .mo files.
"$VENV/bin/python" -m studio.i18n_check --compile
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/motif-studio.spec
end=$(date +%s)
echo "Built dist/motif-studio/ in $((end - start)) s, $(du -sh dist/motif-studio | cut -f1)."
echo "Run it: dist/motif-studio/motif-studio --help"
