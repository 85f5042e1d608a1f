@echo off
rem PuMPuRS command line (docs/electron-shell.md, "The pumpurs launcher").
rem Installed as <install folder>\bin\pumpurs.cmd; the installer puts that folder on PATH.
rem `pumpurs` alone opens the app; `pumpurs <verb> ...` runs the verb with the
rem installed app's --cli (no Node.js needed), output in this console, and
rem returns the verb's exit code (0 done, 1 refused, 2 usage).
setlocal
set "PUMPURS_EXE=%~dp0..\PuMPuRS.exe"
if "%~1"=="" (
  start "" "%PUMPURS_EXE%"
  exit /b 0
)
"%PUMPURS_EXE%" --cli %*
exit /b %ERRORLEVEL%
