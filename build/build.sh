#!/usr/bin/env bash
# Build the Linux program folder dist/gdchecker (gdchecker + gdchecker-cli) with PyInstaller, then smoke-test it.
# One command from the checkout: bash build/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${GDCHECKER_VENV:-.venv}"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -e . "pyinstaller>=6.10,<7"

# a CJK font inside the folder, for office machines without Chinese fonts
mkdir -p build/fonts
font=$(fc-match -f '%{file}' 'WenQuanYi Micro Hei' 2>/dev/null || true)
if [ -n "$font" ] && [ -f "$font" ] && fc-match -f '%{family}' 'WenQuanYi Micro Hei' | grep -qi wenquanyi; then
  cp -f "$font" build/fonts/
fi

work="${TMPDIR:-/tmp}/gdchecker-pyinstaller"
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN --workpath "$work" --distpath dist build/gdchecker.spec
du -sh dist/gdchecker | awk '{print "dist/gdchecker: " $1}'
bash build/smoke.sh dist/gdchecker
