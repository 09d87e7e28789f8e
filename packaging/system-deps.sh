#!/usr/bin/env bash
# Install the Debian libraries Qt, Cairo and the tests need, when they are missing.
# As root it runs apt-get; otherwise it names the packages to install and stops.
set -euo pipefail

PACKAGES=(
  # Qt 6 (offscreen and X11 platforms)
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0
  libxcb-image0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1
  # CairoSVG (vector PDF)
  libcairo2
  # fonts and font lookup
  fontconfig fonts-dejavu-core
)
if [ "${1:-}" = "--test" ]; then
  # pdftoppm renders exported PDFs back to pixels; xvfb gives the GUI tests a real screen.
  # desktop-file-utils, appstream, shared-mime-info check the Linux desktop files (tests/packaging).
  PACKAGES+=(poppler-utils xvfb xauth desktop-file-utils appstream shared-mime-info)
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Motif Studio needs these system libraries (Debian names): ${missing[*]}" >&2
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Motif Studio needs these Debian packages; install them with:" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
