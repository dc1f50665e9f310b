#!/usr/bin/env bash
# Run every check: ruff lint and format, the layers contract, mypy over the package, then the
# whole pytest suite (unit, notebooks, browser, binder, hub).
# Installs what the tests need: the virtual environment, Debian's chromium, postgresql and npm,
# and configurable-http-proxy.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh

# Debian's packages the tests drive for real: chromium (browser tests), postgresql (the store on
# its second engine; the tests start and stop a throw-away server themselves) and npm (below).
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || missing+=(postgresql)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian's ${missing[*]} for the tests..."
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# JupyterHub's proxy for the hub tests, from the npm registry, inside .venv (not global).
if [ ! -x .venv/node/node_modules/.bin/configurable-http-proxy ]; then
  echo "Installing configurable-http-proxy for the hub tests..."
  npm install --silent --no-fund --no-audit --prefix .venv/node configurable-http-proxy@5 >/dev/null
fi

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/lint-imports --no-cache
.venv/bin/mypy
exec .venv/bin/python -m pytest "$@"
