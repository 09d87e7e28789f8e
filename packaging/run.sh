#!/usr/bin/env bash
# Install everything into .venv and open the app on the bundled sample brief.
# Without a display it says so and runs the headless demo (writes ./out/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/system-deps.sh
bash packaging/venv.sh
exec .venv/bin/motif-studio --brief resources/briefs/lafraise-tee/lafraise-tee.brief.json "$@"
