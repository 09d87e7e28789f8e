#!/usr/bin/env bash
# Install everything into .venv and run the whole suite: ruff, mypy, then pytest (headless).
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/system-deps.sh --test
bash packaging/venv.sh test
export QT_QPA_PLATFORM=offscreen
echo "== ruff"
.venv/bin/ruff check studio tests bench plugins
echo "== mypy"
.venv/bin/mypy
echo "== pytest"
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
