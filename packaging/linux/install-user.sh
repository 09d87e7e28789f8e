#!/usr/bin/env bash
# Install the built one-folder app (dist/motif-studio) for the current user, with its menu
# entry, icons and file types, so a double-click on a .brief, .brief.json or .motif.svg opens it.
#   bash packaging/linux/install-user.sh            # install
#   bash packaging/linux/install-user.sh --remove   # uninstall
# Follows the XDG base directories: XDG_DATA_HOME (default ~/.local/share) and ~/.local/bin.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
APP_ID=io.motifstudio.MotifStudio
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
BIN="$HOME/.local/bin"
LIB="$HOME/.local/lib/motif-studio"

refresh() {
  command -v update-mime-database >/dev/null && update-mime-database "$DATA/mime" || true
  command -v update-desktop-database >/dev/null && update-desktop-database "$DATA/applications" || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
}

if [ "${1:-}" = "--remove" ]; then
  rm -rf "$LIB" "$BIN/motif-studio" "$DATA/applications/$APP_ID.desktop" \
    "$DATA/mime/packages/$APP_ID.xml" "$DATA/metainfo/$APP_ID.metainfo.xml"
  find "$DATA/icons/hicolor" -name "$APP_ID.*" -delete 2>/dev/null || true
  refresh
  echo "Motif Studio removed."
  exit 0
fi

[ -x "$ROOT/dist/motif-studio/motif-studio" ] || {
  echo "No build in dist/motif-studio: run bash packaging/build-linux.sh first." >&2
  exit 1
}
mkdir -p "$LIB" "$BIN" "$DATA/applications" "$DATA/mime/packages" "$DATA/metainfo"
rm -rf "$LIB" && cp -a "$ROOT/dist/motif-studio" "$LIB"
ln -sf "$LIB/motif-studio" "$BIN/motif-studio"
# Desktop sessions do not always have ~/.local/bin on PATH: point Exec at the real file.
sed -e "s|^Exec=motif-studio |Exec=$LIB/motif-studio |" -e "s|^TryExec=motif-studio$|TryExec=$LIB/motif-studio|" \
  "$ROOT/packaging/linux/$APP_ID.desktop" > "$DATA/applications/$APP_ID.desktop"
cp "$ROOT/packaging/linux/$APP_ID.mime.xml" "$DATA/mime/packages/$APP_ID.xml"
cp "$ROOT/packaging/linux/$APP_ID.metainfo.xml" "$DATA/metainfo/"
install -Dm644 "$ROOT/resources/icons/$APP_ID.svg" "$DATA/icons/hicolor/scalable/apps/$APP_ID.svg"
for size in 16 32 48 64 128 256 512; do
  install -Dm644 "$ROOT/resources/icons/${size}x${size}/$APP_ID.png" \
    "$DATA/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
refresh
echo "Motif Studio installed: $BIN/motif-studio, menu entry $APP_ID."
