#!/usr/bin/env bash
# Build the Linux program folder dist/gdchecker (gdchecker + gdchecker-cli) with PyInstaller, then smoke-test it.
# One command from the checkout: bash build/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${GDCHECKER_VENV:-.venv}"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -e . "pyinstaller>=6.10,<7" "onnxruntime>=1.17" numpy
# OCR's recognition model comes inside the rapidocr-onnxruntime wheel; its code (and so OpenCV) is not used
"$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps "rapidocr-onnxruntime>=1.4,<1.5"

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
# strip the libraries that still carry symbols (33 MB), but not numpy's: stripping its OpenBLAS breaks it
"$VENV/bin/python" - <<'PY' | while read -r f; do strip --strip-unneeded "$f"; done
import os
for top, _, names in os.walk("dist/gdchecker"):
    for n in names:
        p = os.path.join(top, n)
        if "/numpy.libs/" not in p and not os.path.islink(p) and open(p, "rb").read(4) == b"\x7fELF":
            print(p)
PY
size=$(du -sm dist/gdchecker | cut -f1)
echo "dist/gdchecker: $size MB"
# budget: about 140 MB without OCR, plus 87 MB for it (onnxruntime 35, numpy and its OpenBLAS 39, the model 11)
if [ "$size" -ge "${GDCHECKER_MAX_MB:-240}" ]; then
  echo "build: the folder is $size MB, over the ${GDCHECKER_MAX_MB:-240} MB budget; the largest parts:" >&2
  du -sm dist/gdchecker/_internal/* | sort -rn | head -8 >&2
  exit 1
fi
bash build/smoke.sh dist/gdchecker
