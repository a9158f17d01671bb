#!/usr/bin/env bash
# System packages the tests need, each installed only when missing (needs root or sudo):
# Java for the HermiT reasoner, Chromium for the browser tests, Virtuoso for the
# remote-store tests, Apache Jena for the test of its rsparql client.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v java >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    default-jre-headless >/dev/null
fi
bash scripts/install-browser.sh
bash scripts/install-virtuoso.sh
bash scripts/install-jena.sh
