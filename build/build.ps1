# Build the Windows program folder dist\gdchecker (gdchecker.exe windowed + gdchecker-cli.exe console).
# Needs Windows 10 or later, 64-bit, and Python 3.11 (64-bit) on PATH. Run from the checkout:
#   powershell -ExecutionPolicy Bypass -File build\build.ps1
$ErrorActionPreference = "Stop"
Set-Location (Split-Path $PSScriptRoot -Parent)
if (-not (Test-Path .venv\Scripts\python.exe)) { py -3.11 -m venv .venv }
.venv\Scripts\python -m pip install -q -e . "pyinstaller>=6.10,<7"
.venv\Scripts\python build\version_info.py
New-Item -ItemType Directory -Force build\fonts | Out-Null  # Windows has Chinese fonts (Microsoft YaHei, SimSun)
.venv\Scripts\pyinstaller --noconfirm --clean --log-level WARN --workpath "$env:TEMP\gdchecker-pyinstaller" --distpath dist build\gdchecker.spec
# smoke test of the built program
$sample = "gdchecker\resources\sample\sample-2023.pdf"
& dist\gdchecker\gdchecker-cli.exe check $sample --json | Out-File -Encoding utf8 frozen.json
if ($LASTEXITCODE -ne 1) { throw "gdchecker-cli gave exit $LASTEXITCODE on the sample (expected 1: it has errors)" }
Set-Content -Path bad.pdf -Value "not a pdf"
& dist\gdchecker\gdchecker-cli.exe check bad.pdf
if ($LASTEXITCODE -ne 2) { throw "a bad file gave exit $LASTEXITCODE, not 2" }
$env:QT_QPA_PLATFORM = "offscreen"
$p = Start-Process dist\gdchecker\gdchecker.exe -ArgumentList "$sample --screenshot shot.png" -Wait -PassThru
if ($p.ExitCode -ne 0 -or -not (Test-Path shot.png)) { throw "the desktop program did not draw its window" }
Remove-Item frozen.json, bad.pdf, shot.png
Write-Host "built dist\gdchecker; smoke test passed"
