#!/bin/sh
# PuMPuRS command line (docs/electron-shell.md, "The pumpurs launcher").
# Installed as /opt/PuMPuRS/bin/pumpurs; the .deb links /usr/bin/pumpurs to it.
# `pumpurs` alone opens the app; `pumpurs <verb> ...` runs the verb with the
# installed app's --cli (no Node.js needed) and returns its exit code
# (0 done, 1 refused, 2 usage).
here=$(dirname "$(readlink -f "$0")")
app="$here/../pumpurs"
if [ "$#" -eq 0 ]; then
  exec "$app"
fi
exec "$app" --cli "$@"
