#!/usr/bin/env bash
# Installs jargraph, builds the graph from data/ and serves it.
# Settings come from JARGRAPH_* environment variables (see README.md); extra
# arguments go to `jargraph serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
.venv/bin/jargraph build || [ $? -eq 1 ]
exec .venv/bin/jargraph serve "$@"
