#!/usr/bin/env bash
# Build the Linux program folder dist/gdchecker (gdchecker + gdchecker-cli) with PyInstaller, then smoke-test it.
# One command from the checkout: bash build/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${GDCHECKER_VENV:-.venv}"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -e . "pyinstaller>=6.10,<7"

# a CJK font inside the folder, for office machines without Chinese fonts (the program registers it at start)
mkdir -p build/fonts
wqy() { fc-match -f '%{family}' 'WenQuanYi Micro Hei' 2>/dev/null | grep -qi wenquanyi; }
if ! wqy && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get install -y -q fonts-wqy-microhei >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q fonts-wqy-microhei >/dev/null; }
fi
wqy || { echo "build: no WenQuanYi Micro Hei to put in the folder (apt-get install fonts-wqy-microhei)" >&2; exit 1; }
cp -f "$(fc-match -f '%{file}' 'WenQuanYi Micro Hei')" build/fonts/

# icupkg cuts Qt's ICU data to the languages the program uses (build/icu_trim.py); readelf finds unlinked libraries
if ! command -v icupkg >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get install -y -q icu-devtools >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q icu-devtools >/dev/null; }
fi

work="${TMPDIR:-/tmp}/gdchecker-pyinstaller"
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN --workpath "$work" --distpath dist build/gdchecker.spec
size=$(du -sm dist/gdchecker | cut -f1)
echo "dist/gdchecker: $size MB"
if [ "$size" -ge "${GDCHECKER_MAX_MB:-150}" ]; then
  echo "build: the folder is $size MB, over the ${GDCHECKER_MAX_MB:-150} MB budget; the largest parts:" >&2
  du -sm dist/gdchecker/_internal/* | sort -rn | head -8 >&2
  exit 1
fi
bash build/smoke.sh dist/gdchecker
