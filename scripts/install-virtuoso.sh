#!/usr/bin/env bash
# Installs Debian's Virtuoso Open Source (for the remote-store tests) when missing.
#
#   install-virtuoso.sh          install if missing (needs root or sudo); safe to re-run
#   install-virtuoso.sh --check  exit 0 if the Virtuoso server binary is installed, 1 if not
#
# The tests start their own Virtuoso on free ports with a temporary database,
# so the package's own service is kept from starting during the install and is
# stopped and disabled afterwards: nothing is left listening on 1111 or 8890.
set -euo pipefail

SERVICE=virtuoso-opensource-7

installed() {
  command -v virtuoso-t >/dev/null 2>&1 && command -v isql-vt >/dev/null 2>&1
}

if [ "${1:-}" = "--check" ]; then
  installed
  exit $?
fi
if [ $# -gt 0 ]; then
  echo "usage: $0 [--check]" >&2
  exit 2
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

stop_service() {
  # The package's service must not keep the default ports (1111, 8890) busy.
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    $sudo systemctl disable --now "$SERVICE" >/dev/null 2>&1 || true
  fi
  if [ -x "/etc/init.d/$SERVICE" ]; then
    $sudo "/etc/init.d/$SERVICE" stop >/dev/null 2>&1 || true
    $sudo update-rc.d "$SERVICE" disable >/dev/null 2>&1 || true
  fi
}

if installed; then
  stop_service
  echo "virtuoso is installed: $(command -v virtuoso-t)"
  exit 0
fi

# Keep maintainer scripts from starting the service while installing, using
# Debian's policy-rc.d hook; an existing hook is left as it is.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod 755 "$policy"
  trap '$sudo rm -f "$policy"' EXIT
fi

# Answer the package's questions up front; the tests use their own database,
# so the password of the system database does not matter.
$sudo debconf-set-selections <<EOF
$SERVICE $SERVICE/dba-password password dba
$SERVICE $SERVICE/dba-password-again password dba
EOF

echo "installing virtuoso-opensource"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
  virtuoso-opensource >/dev/null
stop_service

if ! installed; then
  echo "virtuoso-opensource was installed but virtuoso-t or isql-vt is not on PATH" >&2
  exit 1
fi
echo "virtuoso is installed: $(command -v virtuoso-t)"
