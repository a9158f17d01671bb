#!/usr/bin/env bash
# System packages the tests need, installed only when missing (needs root or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ -x scripts/install-virtuoso.sh ] || [ -f scripts/install-virtuoso.sh ]; then
  bash scripts/install-virtuoso.sh --check || missing+=(virtuoso-opensource)
fi
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
