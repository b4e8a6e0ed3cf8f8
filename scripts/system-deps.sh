#!/usr/bin/env bash
# Installs the Debian packages brief needs, only those missing: WeasyPrint's Pango and a font.
# (To look at a PDF as an image, `apt-get install poppler-utils` gives pdftoppm; nothing needs it.)
set -euo pipefail
need=()
for pkg in libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
  echo "missing system packages: ${need[*]} (install them with apt-get as root)" >&2
  exit 1
fi
SUDO=$([ "$(id -u)" -eq 0 ] && echo "" || echo sudo)
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
