#!/usr/bin/env bash
# Start the app: Voilà on the notebooks, with the demo workbook "Velkommen her".
# Extra arguments go to `inkl app` (e.g. --port 8900 --no-browser).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
exec .venv/bin/inkl app "$@"
