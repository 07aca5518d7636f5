#!/usr/bin/env bash
# Installs the system tools the integration tests use: rapper (raptor2-utils), Virtuoso, Chromium, Java,
# nginx and Apache httpd (the static site's content-negotiation rules are tested behind both).
# Needs root or sudo; elsewhere it says what is missing and the tests that need it skip (never with CI=true).
set -euo pipefail
need=()
command -v rapper >/dev/null 2>&1 || need+=(raptor2-utils)
command -v virtuoso-t >/dev/null 2>&1 || need+=(virtuoso-opensource)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v apache2 >/dev/null 2>&1 || [ -x /usr/sbin/apache2 ] || need+=(apache2-bin)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "install-system-deps: cannot install ${need[*]} (not root, no sudo); the tests that need them will skip" >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  exit 0
fi
echo "install-system-deps: installing ${need[*]}" >&2
$SUDO apt-get update -q >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need[@]}" >/dev/null
