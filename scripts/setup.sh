#!/usr/bin/env bash
# Installs what this machine needs beyond Node and npm, only when it is missing, so it is safe to
# run before every test run. Debian packages: Chromium for the UI tests (never `playwright install`:
# no browser download is possible here), poppler-utils to check PDFs, fonts with Vietnamese glyphs,
# and the compiler toolchain better-sqlite3 is built with.
set -euo pipefail

missing=()
have_cmd() { command -v "$1" >/dev/null 2>&1; }
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

have_cmd chromium || missing+=(chromium)
have_cmd pdftotext || missing+=(poppler-utils)
have_pkg fonts-dejavu-core || missing+=(fonts-dejavu-core)
have_pkg fonts-noto-core || missing+=(fonts-noto-core)
have_cmd make || missing+=(make)
have_cmd g++ || missing+=(g++)
have_cmd python3 || missing+=(python3)

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all system packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  apt_get=(apt-get)
elif have_cmd sudo; then
  apt_get=(sudo apt-get)
else
  echo "setup: cần quyền root để cài: ${missing[*]} (needs root to install these packages)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${apt_get[@]}" update -qq
"${apt_get[@]}" install -y -qq --no-install-recommends "${missing[@]}"
