#!/usr/bin/env bash
# Installs jargraph into .venv (created if missing). With --test, also the test
# tools and the system packages the tests use: Java (for the HermiT reasoner)
# and Chromium (for the browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
if [ "${1:-}" = "--test" ]; then
  .venv/bin/python -m pip install --quiet -e '.[test]'
  bash scripts/install-system.sh
else
  .venv/bin/python -m pip install --quiet -e .
fi
