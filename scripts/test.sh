#!/usr/bin/env bash
# Installs jargraph with everything its tests need, then runs every test and the linter.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --test
.venv/bin/ruff check src tests benchmarks
.venv/bin/python -m pytest "$@"
