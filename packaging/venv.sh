#!/usr/bin/env bash
# Create (or reuse) the project's virtual environment in .venv and install the project into it.
# Usage: packaging/venv.sh [EXTRAS]   e.g. packaging/venv.sh test
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
extras=${1:-}
spec="."
[ -n "$extras" ] && spec=".[$extras]"
.venv/bin/python -m pip install -q -e "$spec"
# The bundled connector plugins are separate packages; install them so their entry points exist.
for plugin in plugins/*/; do
  [ -f "$plugin/pyproject.toml" ] && .venv/bin/python -m pip install -q -e "$plugin"
done
exit 0
