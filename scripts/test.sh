#!/usr/bin/env bash
# Installs jargraph with everything its tests need, then runs the linter, the type checker
# and every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --test
.venv/bin/ruff check src tests benchmarks
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
