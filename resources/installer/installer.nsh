; PuMPuRS NSIS additions (electron-builder `nsis.include`): the `pumpurs`
; command-line launcher on PATH (docs/electron-shell.md, "The pumpurs launcher").
;
; bin\pumpurs.cmd is shipped by `win.extraFiles`. Install adds $INSTDIR\bin to
; the machine's Path (per-machine install) once; uninstall removes exactly
; that entry. A Path too long for NSIS's string buffer is left untouched
; (truncating it would damage the machine): the installer then says so in
; its log, and IT adds the folder by policy.
!include "WordFunc.nsh"

!define PUMPURS_ENV_KEY "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"

!macro customInstall
  ReadRegStr $0 HKLM "${PUMPURS_ENV_KEY}" "Path"
  StrLen $1 $0
  StrLen $2 "$INSTDIR\bin"
  IntOp $1 $1 + $2
  IntOp $1 $1 + 2
  ${If} $1 >= ${NSIS_MAX_STRLEN}
    DetailPrint "PuMPuRS: Path is too long to change safely; add $INSTDIR\bin to Path by policy."
  ${Else}
    ${WordFind} "$0" "$INSTDIR\bin" "E+1{" $3
    ${If} ${Errors}
      ; Not there yet.
      ${If} $0 == ""
        WriteRegExpandStr HKLM "${PUMPURS_ENV_KEY}" "Path" "$INSTDIR\bin"
      ${Else}
        WriteRegExpandStr HKLM "${PUMPURS_ENV_KEY}" "Path" "$0;$INSTDIR\bin"
      ${EndIf}
      SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
    ${EndIf}
  ${EndIf}
!macroend

!macro customUnInstall
  ReadRegStr $0 HKLM "${PUMPURS_ENV_KEY}" "Path"
  StrLen $1 $0
  ${If} $1 < ${NSIS_MAX_STRLEN}
    ${WordReplace} "$0" ";$INSTDIR\bin" "" "+" $0
    ${WordReplace} "$0" "$INSTDIR\bin;" "" "+" $0
    ${WordReplace} "$0" "$INSTDIR\bin" "" "+" $0
    WriteRegExpandStr HKLM "${PUMPURS_ENV_KEY}" "Path" "$0"
    SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
  ${EndIf}
!macroend
