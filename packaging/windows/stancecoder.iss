; Inno Setup script for Windows: installs the one-folder build (dist\stancecoder, made by
; `pyinstaller packaging\stancecoder.spec` on Windows) and makes .stance files open in it.
; Build with: iscc packaging\windows\stancecoder.iss

#define AppVersion "0.1.0"

[Setup]
AppId={{6B0F3B5E-2C7A-4E53-9A8E-5C1D7B2E4F10}
AppName=StanceCoder
AppVersion={#AppVersion}
AppPublisher=StanceCoder contributors
DefaultDirName={autopf}\StanceCoder
DefaultGroupName=StanceCoder
OutputBaseFilename=StanceCoder-{#AppVersion}-setup
ChangesAssociations=yes
SourceDir=..\..
OutputDir=dist
LicenseFile=LICENSE

[Files]
Source: "dist\stancecoder\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\StanceCoder"; Filename: "{app}\stancecoder.exe"

[Registry]
; the document type: a double-clicked project opens in StanceCoder
Root: HKA; Subkey: "Software\Classes\.stance"; ValueType: string; ValueName: ""; ValueData: "StanceCoder.Project"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\StanceCoder.Project"; ValueType: string; ValueName: ""; ValueData: "StanceCoder project"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\StanceCoder.Project\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\stancecoder.exe,0"
Root: HKA; Subkey: "Software\Classes\StanceCoder.Project\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\stancecoder.exe"" ""%1"""

[Run]
Filename: "{app}\stancecoder.exe"; Description: "Start StanceCoder"; Flags: nowait postinstall skipifsilent
