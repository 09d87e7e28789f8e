#!/bin/sh
# Flatpak launcher: the resources live in /app/share, not beside the installed package.
export MOTIF_STUDIO_RESOURCES=/app/share/motif-studio/resources
exec python3 -m studio "$@"
