#!/usr/bin/env bash
# Create .venv and install the project with its test tools; re-install when pyproject.toml changes.
# Sourced by scripts/app.sh and scripts/test.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "inkl needs Python 3.11 or newer ($python is $("$python" --version 2>&1))." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
stamp=.venv/.inkl-installed
# pip copies the templates into .venv/share/jupyter (where Jupyter looks), also for an editable
# install: install again when they change, as when pyproject.toml does.
wanted=$(cat pyproject.toml inkl_widgets/export/templates/*/* inkl_widgets/server/jupyter/voila/templates/*/* \
  | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e '.[test]'
  echo "$wanted" > "$stamp"
fi
# Bytecode for the package even where PYTHONDONTWRITEBYTECODE is set: every page's kernel imports
# it, and compiling its sources each time costs a page some 50 ms.
.venv/bin/python -m compileall -q inkl_widgets >/dev/null
