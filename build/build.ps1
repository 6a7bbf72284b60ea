# Build the Windows program folder dist\gdchecker (gdchecker.exe windowed + gdchecker-cli.exe console).
# Needs Windows 10 or later, 64-bit, and Python 3.11 (64-bit) on PATH. Run from the checkout:
#   powershell -ExecutionPolicy Bypass -File build\build.ps1
$ErrorActionPreference = "Stop"
Set-Location (Split-Path $PSScriptRoot -Parent)
if (-not (Test-Path .venv\Scripts\python.exe)) { py -3.11 -m venv .venv }
.venv\Scripts\python -m pip install -q -e . "pyinstaller>=6.10,<7" "onnxruntime>=1.17" numpy
# OCR's recognition model comes inside the rapidocr-onnxruntime wheel; its code (and so OpenCV) is not used
.venv\Scripts\python -m pip install -q --no-deps "rapidocr-onnxruntime>=1.4,<1.5"
.venv\Scripts\python build\version_info.py
New-Item -ItemType Directory -Force build\fonts | Out-Null  # Windows has Chinese fonts (Microsoft YaHei, SimSun)
.venv\Scripts\pyinstaller --noconfirm --clean --log-level WARN --workpath "$env:TEMP\gdchecker-pyinstaller" --distpath dist build\gdchecker.spec
# smoke test of the built program
$sample = "gdchecker\resources\sample\sample-2023.pdf"
& dist\gdchecker\gdchecker-cli.exe check $sample --json | Out-File -Encoding utf8 frozen.json
if ($LASTEXITCODE -ne 1) { throw "gdchecker-cli gave exit $LASTEXITCODE on the sample (expected 1: it has errors)" }
# a scan of the sample, read by OCR inside the folder: the same exit code (its errors are the sample's)
.venv\Scripts\python build\make_scan.py $sample scan.pdf
& dist\gdchecker\gdchecker-cli.exe check scan.pdf --json | Out-File -Encoding utf8 scan.json
if ($LASTEXITCODE -ne 1) { throw "gdchecker-cli gave exit $LASTEXITCODE on a scan of the sample (expected 1)" }
if (-not (Select-String -Path scan.json -Pattern '"review_litigation"' -Quiet)) { throw "the scan's tables were not read" }
Set-Content -Path bad.pdf -Value "not a pdf"
& dist\gdchecker\gdchecker-cli.exe check bad.pdf
if ($LASTEXITCODE -ne 2) { throw "a bad file gave exit $LASTEXITCODE, not 2" }
$env:QT_QPA_PLATFORM = "offscreen"
$p = Start-Process dist\gdchecker\gdchecker.exe -ArgumentList "$sample --screenshot shot.png" -Wait -PassThru
if ($p.ExitCode -ne 0 -or -not (Test-Path shot.png)) { throw "the desktop program did not draw its window" }
Remove-Item frozen.json, scan.pdf, scan.json, bad.pdf, shot.png
Write-Host "built dist\gdchecker; smoke test passed"
