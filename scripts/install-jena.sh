#!/usr/bin/env bash
# Installs Debian's Apache Jena (libapache-jena-java) when missing, for the test that
# queries the endpoint with Jena's rsparql (run through scripts/rsparql).
#
#   install-jena.sh          install if missing (needs root or sudo); safe to re-run
#   install-jena.sh --check  exit 0 if Jena's command classes and Java are installed, 1 if not
set -euo pipefail

installed() {
  command -v java >/dev/null 2>&1 && [ -f /usr/share/java/jena-cmds.jar ]
}

if [ "${1:-}" = "--check" ]; then
  installed
  exit $?
fi
if [ $# -gt 0 ]; then
  echo "usage: $0 [--check]" >&2
  exit 2
fi
if installed; then
  echo "jena is installed: /usr/share/java/jena-cmds.jar"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing libapache-jena-java"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
  default-jre-headless libapache-jena-java >/dev/null
if ! installed; then
  echo "libapache-jena-java was installed but /usr/share/java/jena-cmds.jar is missing" >&2
  exit 1
fi
echo "jena is installed: /usr/share/java/jena-cmds.jar"
