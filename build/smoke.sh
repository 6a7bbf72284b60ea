#!/usr/bin/env bash
# Smoke-test a built program folder (not the source): the same JSON as the source run, a bad file gives exit 2,
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
echo "smoke: frozen JSON = source JSON; bad file exit 2; window drawn in $(python3 -c "print(round($end - $start, 2))") s"
