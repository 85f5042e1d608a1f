#!/bin/sh
# PuMPuRS .deb post-remove (electron-builder `deb.afterRemove`): takes the
# `pumpurs` launcher off PATH again. The organisation's data stays.
dir='/opt/${sanitizedProductName}'
if command -v update-alternatives >/dev/null 2>&1; then
  update-alternatives --remove '${executable}' "$dir/bin/pumpurs" || true
else
  rm -f '/usr/bin/${executable}'
fi
