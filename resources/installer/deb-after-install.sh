#!/bin/sh
# PuMPuRS .deb post-install (electron-builder `deb.afterInstall`; it replaces
# electron-builder's default script, so this does what that one does for us):
# the app's own command, the `pumpurs` command-line launcher on PATH, the
# Chromium sandbox, the desktop database (docs/electron-shell.md).
set -e
dir='/opt/${sanitizedProductName}'
# /usr/bin/pumpurs is the launcher: `pumpurs` opens the app, `pumpurs <verb>` runs the CLI.
if command -v update-alternatives >/dev/null 2>&1; then
  if [ -L '/usr/bin/${executable}' ] && [ "$(readlink '/usr/bin/${executable}')" != '/etc/alternatives/${executable}' ]; then
    rm -f '/usr/bin/${executable}'
  fi
  update-alternatives --install '/usr/bin/${executable}' '${executable}' "$dir/bin/pumpurs" 200 || ln -sf "$dir/bin/pumpurs" '/usr/bin/${executable}'
else
  ln -sf "$dir/bin/pumpurs" '/usr/bin/${executable}'
fi
# The SUID sandbox only where user namespaces do not work.
if unshare --user true >/dev/null 2>&1; then
  chmod 0755 "$dir/chrome-sandbox" || true
else
  chmod 4755 "$dir/chrome-sandbox" || true
fi
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database /usr/share/applications || true
fi
