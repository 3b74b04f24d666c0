#!/usr/bin/env bash
# Install the Debian packages listed in scripts/system-packages.txt that are missing:
# ingest's tools (poppler, tesseract + chi_sim, LibreOffice, antiword), the report's fonts and
# WeasyPrint libraries, chromium for the browser tests, node for the front end.
# Idempotent and quick when everything is there; needs root (or sudo) only when installing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
missing=()
while read -r line; do
  pkg="${line%%#*}"; pkg="$(echo "$pkg" | xargs)"
  [ -z "$pkg" ] && continue
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done < "$here/system-packages.txt"
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages present"
  exit 0
fi
echo "installing Debian packages: ${missing[*]}"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
# apt's lock may be held briefly by another installer: wait for it rather than fail
for attempt in 1 2 3 4 5 6; do
  if $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
    exit 0
  fi
  echo "apt-get failed (attempt $attempt); retrying in 10 s" >&2
  sleep 10
done
exit 1
