#!/usr/bin/env bash
# Smoke-test a built program folder (not the source): the same JSON as the source run for the sample, for a
# scan of it (read by OCR) and for a folder checked by worker processes, a bad file gives exit 2,
# and the desktop program renders its window offscreen and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."
DIST="${1:-dist/gdchecker}"
VENV="${GDCHECKER_VENV:-.venv}"
sample=gdchecker/resources/sample/sample-2023.pdf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

set +e
"$DIST/gdchecker-cli" check "$sample" --json > "$tmp/frozen.json"; frozen=$?
"$VENV/bin/gdchecker" check "$sample" --json > "$tmp/source.json"; source=$?
set -e
[ "$frozen" = "$source" ] || { echo "smoke: exit $frozen from the build, $source from the source" >&2; exit 1; }
cmp -s "$tmp/frozen.json" "$tmp/source.json" || { echo "smoke: JSON differs from the source run" >&2; diff "$tmp/frozen.json" "$tmp/source.json" | head; exit 1; }

# a scan of the sample: read by OCR in the build (onnxruntime and the model inside the folder) as in the source
"$VENV/bin/python" build/make_scan.py "$sample" "$tmp/scan.pdf"
set +e
"$DIST/gdchecker-cli" check "$tmp/scan.pdf" --json > "$tmp/scan-frozen.json" 2> "$tmp/scan.err"; frozen=$?
"$VENV/bin/gdchecker" check "$tmp/scan.pdf" --json > "$tmp/scan-source.json" 2> /dev/null; source=$?
set -e
[ "$frozen" = "$source" ] || { echo "smoke: scan: exit $frozen from the build, $source from the source" >&2; tail -5 "$tmp/scan.err" >&2; exit 1; }
cmp -s "$tmp/scan-frozen.json" "$tmp/scan-source.json" || { echo "smoke: the scan's JSON differs from the source run" >&2; diff "$tmp/scan-frozen.json" "$tmp/scan-source.json" | head; exit 1; }
"$VENV/bin/python" - "$tmp/scan-frozen.json" <<'PY' || { echo "smoke: the build did not read the scan's tables" >&2; exit 1; }
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
r = r[0] if isinstance(r, list) else r
assert "error" not in r and len(r.get("tables", {})) >= 4, r.get("error") or sorted(r.get("tables", {}))
PY

# a folder, checked by worker processes (the pool is loaded only for more than one file): the same JSON
mkdir "$tmp/folder"
cp "$sample" "$tmp/folder/a.pdf"; cp "$sample" "$tmp/folder/b.pdf"; cp "$sample" "$tmp/folder/c.pdf"
set +e
GDCHECKER_ARCHIVE=off "$DIST/gdchecker-cli" check "$tmp/folder" --json --workers 2 > "$tmp/folder-frozen.json" 2> "$tmp/folder.err"; frozen=$?
GDCHECKER_ARCHIVE=off "$VENV/bin/gdchecker" check "$tmp/folder" --json --workers 2 > "$tmp/folder-source.json" 2> /dev/null; source=$?
set -e
[ "$frozen" = "$source" ] || { echo "smoke: folder: exit $frozen from the build, $source from the source" >&2; tail -5 "$tmp/folder.err" >&2; exit 1; }
cmp -s "$tmp/folder-frozen.json" "$tmp/folder-source.json" || { echo "smoke: the folder's JSON differs from the source run" >&2; diff "$tmp/folder-frozen.json" "$tmp/folder-source.json" | head; exit 1; }
grep -q '"agency"' "$tmp/folder-frozen.json" || { echo "smoke: the folder check read no report" >&2; exit 1; }

printf 'not a pdf' > "$tmp/bad.pdf"
set +e
"$DIST/gdchecker-cli" check "$tmp/bad.pdf" > "$tmp/bad.txt" 2>&1; bad=$?
set -e
[ "$bad" = 2 ] || { echo "smoke: a bad file gave exit $bad, not 2" >&2; exit 1; }
grep -q "无法读取" "$tmp/bad.txt" || { echo "smoke: no message for the bad file" >&2; exit 1; }
if grep -q Traceback "$tmp/bad.txt"; then echo "smoke: traceback" >&2; exit 1; fi

QT_QPA_PLATFORM=offscreen "$DIST/gdchecker" --selfcheck > "$tmp/self.txt" 2>&1 \
  || { echo "smoke: the packaged program lacks its Chinese translation or font:" >&2; cat "$tmp/self.txt" >&2; exit 1; }

start=$(date +%s.%N)
QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$tmp/cfg" "$DIST/gdchecker" "$sample" --screenshot "$tmp/shot.png" \
  2> "$tmp/gui.err" || { echo "smoke: the desktop program failed:" >&2; tail -5 "$tmp/gui.err" >&2; exit 1; }
end=$(date +%s.%N)
[ -s "$tmp/shot.png" ] || { echo "smoke: no screenshot" >&2; exit 1; }
echo "smoke: frozen JSON = source JSON (text PDF, scan, a folder by worker processes); bad file exit 2; window drawn in $(python3 -c "print(round($end - $start, 2))") s"
