#!/usr/bin/env bash
# Installs what this machine needs beyond Node and npm, only when it is missing, so it is safe to
# run before every test run. Debian packages: Chromium for the UI tests (never `playwright install`:
# no browser download is possible here), poppler-utils to check PDFs, fonts with Vietnamese glyphs,
# the compiler toolchain better-sqlite3 is built with, and the real peers the device and sync tests
# talk to: SANE's test scanner (sane-utils), native tesseract with Vietnamese (the OCR benchmark's
# baseline), CUPS with ippeveprinter, socat (serial pseudo-terminals), libusb (node-hid at run time),
# qpdf (encrypted-PDF fixtures), PostgreSQL (two gateway instances on one database), avahi and
# dbus for the private CUPS, and faketime. tests/unit/build/setup-programs.test.ts checks that every
# program a test or peer starts is named here.
set -euo pipefail

missing=()
have_cmd() { command -v "$1" >/dev/null 2>&1; }
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

have_cmd chromium || missing+=(chromium)
have_cmd pdftotext || missing+=(poppler-utils)
have_cmd pdfinfo || missing+=(poppler-utils)
have_cmd pdffonts || missing+=(poppler-utils)
have_cmd pdftoppm || missing+=(poppler-utils)
have_pkg fonts-dejavu-core || missing+=(fonts-dejavu-core)
have_pkg fonts-noto-core || missing+=(fonts-noto-core)
have_cmd make || missing+=(make)
have_cmd g++ || missing+=(g++)
have_cmd python3 || missing+=(python3)
have_cmd scanimage || missing+=(sane-utils)
# An independent eSCL client that checks the project's eSCL test peer (docs/devices.md §1.4).
have_pkg sane-airscan || missing+=(sane-airscan)
have_cmd tesseract || missing+=(tesseract-ocr)
have_pkg tesseract-ocr-vie || missing+=(tesseract-ocr-vie)
have_cmd cupsd || missing+=(cups-daemon)
# The socket:// backend a raw receipt queue forwards through lives in the `cups` package itself.
[ -x /usr/lib/cups/backend/socket ] || missing+=(cups)
have_cmd lp || missing+=(cups-client)
have_cmd lpadmin || missing+=(cups-client)
have_cmd lpstat || missing+=(cups-client)
have_cmd ippeveprinter || missing+=(cups-ipp-utils)
have_cmd socat || missing+=(socat)
have_pkg libusb-1.0-0 || missing+=(libusb-1.0-0)
have_cmd qpdf || missing+=(qpdf)
have_pkg postgresql || missing+=(postgresql)
# The private CUPS peer announces its printers over mDNS on a bus of its own (cups-private.test.ts).
[ -x /usr/sbin/avahi-daemon ] || missing+=(avahi-daemon)
have_cmd dbus-daemon || missing+=(dbus-daemon)
# libfaketime: npm test runs the date-sensitive tests again at a hostile system date (issue 11 §1).
have_cmd faketime || missing+=(faketime)
# Signing tests (issue 16): SoftHSM2 is a real PKCS#11 token; pdfsig (poppler-utils) checks the signatures.
have_cmd softhsm2-util || missing+=(softhsm2)
[ -e /usr/lib/softhsm/libsofthsm2.so ] || missing+=(softhsm2)
have_cmd pdfsig || missing+=(poppler-utils)
# scripts/setup-site.sh (run by tests/integration/setup-site-script.test.ts): bash, and openssl for its passwords.
have_cmd bash || missing+=(bash)
have_cmd openssl || missing+=(openssl)

install_missing() {
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
}

# The gateway tests that need a real PostgreSQL (two instances on one database) use the default
# cluster, listening on loopback only, with a test role and database of their own.
start_postgres() {
  local version
  version=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
  [ -n "$version" ] || { echo "setup: PostgreSQL not installed" >&2; return 1; }
  if ! pg_lsclusters -h 2>/dev/null | grep -q online; then
    if ! pg_lsclusters -h 2>/dev/null | grep -q .; then
      pg_createcluster "$version" main >/dev/null
    fi
    pg_ctlcluster "$version" main start -- -o "-c listen_addresses=127.0.0.1"
  fi
  local as_pg=(su postgres -s /bin/sh -c)
  "${as_pg[@]}" "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='quay'\"" | grep -q 1 ||
    "${as_pg[@]}" "psql -qc \"CREATE ROLE quay LOGIN PASSWORD 'quay' CREATEDB\""
  "${as_pg[@]}" "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='quay_test'\"" | grep -q 1 ||
    "${as_pg[@]}" "createdb -O quay quay_test"
  echo "setup: PostgreSQL $version on 127.0.0.1:5432 (database quay_test)"
}

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all system packages present"
else
  install_missing
fi
start_postgres
