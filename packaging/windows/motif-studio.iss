; Inno Setup script for Motif Studio on Windows. Not built in this repository's CI (no Windows
; machine); build on Windows after the one-folder PyInstaller build:
;   py -3.11 -m venv build\venv
;   build\venv\Scripts\pip install . pyinstaller
;   for /d %p in (plugins\*) do build\venv\Scripts\pip install %p
;   build\venv\Scripts\python -m studio.i18n_check --compile
;   build\venv\Scripts\pyinstaller --noconfirm packaging\motif-studio.spec
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\motif-studio.iss
; The .exe and installer icon is resources\icons\motif-studio.ico (16-256 px), made with the
; PNGs by packaging/render_icons.py.
; On Windows the spec's console=True opens a console window: build a second EXE with
; console=False for the Start-menu shortcut (motif-studio-gui.exe) and keep the console one for
; the command line.

#define AppName "Motif Studio"
#define AppVersion "0.1.0"
#define AppExe "motif-studio.exe"
#define ProgBrief "MotifStudio.Brief"
#define ProgBriefJson "MotifStudio.BriefJson"
#define ProgDesign "MotifStudio.Design"

[Setup]
AppId={{6F1D2C7A-3B7E-4E55-9A41-7C1E6B0D5A21}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Motif Studio
DefaultDirName={autopf}\Motif Studio
DefaultGroupName=Motif Studio
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename=motif-studio-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\motif-studio.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Per-user install by default (no admin prompt); file associations then go to HKCU.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
; LicenseFile=..\..\LICENSE   (once the repository ships its GPL text)

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "associate"; Description: "Open briefs and designs with Motif Studio"; GroupDescription: "File types:"

[Files]
Source: "..\..\dist\motif-studio\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Motif Studio"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\Motif Studio"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .brief (zip package), .brief.json and .motif.svg. Windows keys associations on the LAST
; extension, so ".brief.json" and ".motif.svg" cannot be registered as such: .brief.json files
; are offered through OpenWithProgids on .json, designs through OpenWithProgids on .svg (the
; user's default SVG viewer is left alone; "Open with > Motif Studio" appears).
Root: HKA; Subkey: "Software\Classes\.brief"; ValueType: string; ValueName: ""; ValueData: "{#ProgBrief}"; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.brief"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-motif-brief"; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#ProgBrief}"; ValueType: string; ValueName: ""; ValueData: "Motif Studio brief package"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#ProgBrief}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#ProgBrief}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: associate

Root: HKA; Subkey: "Software\Classes\.json\OpenWithProgids"; ValueType: string; ValueName: "{#ProgBriefJson}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#ProgBriefJson}"; ValueType: string; ValueName: ""; ValueData: "Motif Studio brief"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#ProgBriefJson}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" --brief ""%1"""; Tasks: associate

Root: HKA; Subkey: "Software\Classes\.svg\OpenWithProgids"; ValueType: string; ValueName: "{#ProgDesign}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#ProgDesign}"; ValueType: string; ValueName: ""; ValueData: "Motif Studio design"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#ProgDesign}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#ProgDesign}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: associate

Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".brief"; ValueData: ""; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".json"; ValueData: ""; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".svg"; ValueData: ""; Tasks: associate

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,Motif Studio}"; Flags: nowait postinstall skipifsilent
