#!/usr/bin/env bash
# The built folder on a bare machine: a minimal Debian 12 (debootstrap --variant=minbase bookworm, no fonts, no X,
# no OpenGL) entered with chroot, as a new office PC would be.
#   bash build/bare.sh [dist/gdchecker]
# (a) gdchecker-cli check of the sample, and of a scan of it (OCR), gives the same JSON (and exit code) as the source
#     run;
# (b) with no libGL the desktop program says in Chinese which package to install, exit 72, no traceback;
# (c) with only the packages the README names (libgl1 libegl1) and no font package: --selfcheck passes with the
#     bundled font drawing the Chinese, --screenshot draws the window offscreen (copied out to look at) and, where
#     the host has Xvfb, the window opens on a real X display too; start-up times measured.
# Needs root (chroot, unshare). The root file systems are cached as tarballs in
# ${GDCHECKER_CACHE:-${XDG_CACHE_HOME:-~/.cache}/gdchecker}: with them the test runs offline in under a minute.
# Without them they are made from the Debian mirror this machine's apt uses; where no mirror answers the test is
# SKIPPED (exit 0, said loudly) unless GDCHECKER_BARE_REQUIRED=1: a network outage is not a broken build.
set -euo pipefail
cd "$(dirname "$0")/.."
DIST=$(realpath "${1:-dist/gdchecker}")
VENV="${GDCHECKER_VENV:-.venv}"
venv_abs=$(realpath "$VENV")
CACHE="${GDCHECKER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gdchecker}"
OUT=$(realpath "${GDCHECKER_BARE_OUT:-dist}")
SUITE=bookworm
GUI_PACKAGES="libgl1 libegl1"  # all the packaged program needs from the system for Qt (measured: README)
sample=gdchecker/resources/sample/sample-2023.pdf

skip() {
  echo "bare: SKIPPED — $*" >&2
  [ "${GDCHECKER_BARE_REQUIRED:-0}" = 1 ] && exit 1
  exit 0
}
fail() { echo "bare: FAILED — $*" >&2; exit 1; }

[ -x "$DIST/gdchecker" ] && [ -x "$DIST/gdchecker-cli" ] || fail "no built folder at $DIST (bash build/build.sh)"
[ "$(id -u)" = 0 ] || skip "needs root for chroot"

mirror() {  # the Debian mirror apt uses here (deb822 .sources or one-line lists), else deb.debian.org
  if [ -n "${GDCHECKER_DEBIAN_MIRROR:-}" ]; then echo "$GDCHECKER_DEBIAN_MIRROR"; return; fi
  local m
  m=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '
        /^URIs:/ {u=$2} /^Suites:/ {s=$0}
        /^$/ {if (u != "" && s ~ /(bookworm|trixie|bullseye)( |$)/ && u !~ /security/) {print u; exit} u=""; s=""}
        END {if (u != "" && s ~ /(bookworm|trixie|bullseye)( |$)/ && u !~ /security/) print u}' | head -1)
  [ -n "$m" ] || m=$(grep -hE '^deb\s' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
                      | grep -v security | awk '{for (i=2;i<=NF;i++) if ($i ~ /^(https?|file):/) {print $i; exit}}' | head -1)
  echo "${m:-http://deb.debian.org/debian}"
}

work=$(mktemp -d "${TMPDIR:-/tmp}/gdchecker-bare.XXXXXX")
cleanup() {
  # everything is mounted inside private namespaces that are gone by now; never follow into another file system
  if ! grep -q " $work/" /proc/mounts; then rm -rf --one-file-system "$work"; fi
}
trap cleanup EXIT

# in ROOT: a command (VAR=value words first, as env takes them) in its own mount and pid namespaces, with proc and
# /dev/shm mounted there and a clean environment
inroot() {
  local root=$1; shift
  unshare --mount --pid --fork --kill-child -- bash -c '
    r=$1; shift
    mount -t proc proc "$r/proc"; mount -t tmpfs tmpfs "$r/dev/shm" 2>/dev/null || true
    exec chroot "$r" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
      LANG=C.UTF-8 "$@"' inroot "$root" "$@"
}

base_tar="$CACHE/bare-$SUITE.tar"
gui_tar="$CACHE/bare-$SUITE-gui.tar"
mkdir -p "$CACHE"
if [ ! -s "$base_tar" ]; then
  if ! command -v debootstrap >/dev/null; then
    apt-get install -y -q debootstrap >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q debootstrap >/dev/null 2>&1; } \
      || skip "debootstrap is not installed and apt-get cannot install it (no network?)"
  fi
  m=$(mirror)
  echo "bare: making a minimal Debian $SUITE from $m (cached in $base_tar for the next runs)"
  if ! debootstrap --variant=minbase "$SUITE" "$work/mk" "$m" > "$work/debootstrap.log" 2>&1; then
    tail -3 "$work/debootstrap.log" >&2
    skip "debootstrap could not reach the Debian mirror $m"
  fi
  rm -rf "$work/mk/var/cache/apt/archives/"*.deb
  tar -C "$work/mk" -cf "$base_tar.part" . && mv "$base_tar.part" "$base_tar"
  rm -rf --one-file-system "$work/mk"
fi
if [ ! -s "$gui_tar" ] || [ "$(cat "$gui_tar.packages" 2>/dev/null)" != "$GUI_PACKAGES" ]; then
  echo "bare: adding $GUI_PACKAGES to a copy (cached in $gui_tar)"
  mkdir "$work/mk" && tar -C "$work/mk" -xf "$base_tar"
  cp -L /etc/resolv.conf "$work/mk/etc/resolv.conf" 2>/dev/null || true
  # shellcheck disable=SC2086
  if ! inroot "$work/mk" sh -c "apt-get update -q && apt-get install -y -q --no-install-recommends $GUI_PACKAGES && apt-get clean" \
      > "$work/apt.log" 2>&1; then
    tail -3 "$work/apt.log" >&2
    skip "apt-get in the bare system could not fetch $GUI_PACKAGES (no network?)"
  fi
  rm -rf "$work/mk/var/lib/apt/lists/"* "$work/mk/etc/resolv.conf"
  tar -C "$work/mk" -cf "$gui_tar.part" . && mv "$gui_tar.part" "$gui_tar" && echo "$GUI_PACKAGES" > "$gui_tar.packages"
  rm -rf --one-file-system "$work/mk"
fi

setup() {  # a fresh root from a tarball, with the built folder in /opt and the sample in /work (as in the checkout)
  local root=$1 tarball=$2
  mkdir -p "$root" && tar -C "$root" -xf "$tarball"
  cp -a "$DIST" "$root/opt/gdchecker"
  mkdir -p "$root/work/$(dirname "$sample")" && cp "$sample" "$root/work/$sample"
  if [ -d "$root/usr/share/fonts" ] || [ -e "$root/etc/fonts/fonts.conf" ]; then fail "the bare system has fonts"; fi
}
now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.2f}')"; }

# (a) the command line on the bare system
setup "$work/base" "$base_tar"
"$VENV/bin/gdchecker" check "$sample" --json > "$work/source.json" && source_rc=0 || source_rc=$?
inroot "$work/base" bash -c "cd /work && exec /opt/gdchecker/gdchecker-cli check $sample --json" \
  > "$work/bare.json" 2> "$work/bare-cli.err" && bare_rc=0 || bare_rc=$?
[ "$bare_rc" = "$source_rc" ] || { cat "$work/bare-cli.err" >&2; fail "gdchecker-cli gave exit $bare_rc, the source $source_rc"; }
cmp -s "$work/bare.json" "$work/source.json" || { diff "$work/bare.json" "$work/source.json" | head >&2; fail "JSON differs from the source run"; }
echo "bare: (a) gdchecker-cli check on the bare system = the source run (exit $bare_rc, same JSON)"
# (a') a scan of the sample, read by OCR inside the folder on the bare system
"$VENV/bin/python" build/make_scan.py "$sample" "$work/base/work/scan.pdf"
(cd "$work/base/work" && "$venv_abs/bin/gdchecker" check scan.pdf --json 2> /dev/null) > "$work/scan-source.json" \
  && source_rc=0 || source_rc=$?
t0=$(now)
inroot "$work/base" bash -c "cd /work && exec /opt/gdchecker/gdchecker-cli check scan.pdf --json" \
  > "$work/scan-bare.json" 2> "$work/scan-bare.err" && bare_rc=0 || bare_rc=$?
t1=$(now)
[ "$bare_rc" = "$source_rc" ] || { tail -5 "$work/scan-bare.err" >&2; fail "a scan: gdchecker-cli gave exit $bare_rc, the source $source_rc"; }
cmp -s "$work/scan-bare.json" "$work/scan-source.json" || { diff "$work/scan-bare.json" "$work/scan-source.json" | head >&2; fail "a scan: JSON differs from the source run"; }
echo "bare: (a') a scan of the sample read by OCR on the bare system = the source run, in $(secs "$t0" "$t1") s"

# (b) the desktop program with no libGL: a Chinese message naming the package, no traceback
for args in "--selfcheck" "/work/$sample"; do
  # shellcheck disable=SC2086
  inroot "$work/base" /opt/gdchecker/gdchecker $args > "$work/nogl.out" 2> "$work/nogl.err" && rc=0 || rc=$?
  [ "$rc" = 72 ] || { cat "$work/nogl.err" >&2; fail "with no libGL the desktop program gave exit $rc, not 72"; }
  if grep -q Traceback "$work/nogl.err"; then cat "$work/nogl.err" >&2; fail "a traceback with no libGL"; fi
  grep -q "缺少系统库 libGL.so.1" "$work/nogl.err" && grep -q "libgl1" "$work/nogl.err" \
    || { cat "$work/nogl.err" >&2; fail "no message naming libgl1"; }
done
grep -q "sudo apt-get install libgl1" "$work/base/root/gdchecker-启动失败.txt" \
  || fail "no message with the apt-get command left in the home folder"
echo "bare: (b) no libGL: exit 72, no traceback, and this message:"
sed 's/^/      /' "$work/nogl.err"

# (c) with libgl1 libegl1 only, no font package
setup "$work/gui" "$gui_tar"
t0=$(now)
inroot "$work/gui" /opt/gdchecker/gdchecker --selfcheck > "$work/self.out" 2> "$work/self.err" \
  || { cat "$work/self.out" "$work/self.err" >&2; fail "--selfcheck failed on the bare system with $GUI_PACKAGES"; }
t1=$(now)
grep -q "font: WenQuanYi Micro Hei draws" "$work/self.out" || { cat "$work/self.out" >&2; fail "the bundled font does not draw the Chinese"; }
if grep -qE "Traceback|Fontconfig error" "$work/self.err"; then cat "$work/self.err" >&2; fail "errors from --selfcheck"; fi
sed 's/^/      /' "$work/self.out"
t2=$(now)
inroot "$work/gui" bash -c "cd /work && exec /opt/gdchecker/gdchecker $sample --screenshot /tmp/shot.png" \
  > "$work/shot.out" 2> "$work/shot.err" || { tail -5 "$work/shot.err" >&2; fail "--screenshot failed on the bare system"; }
t3=$(now)
[ -s "$work/gui/tmp/shot.png" ] || fail "no screenshot"
if grep -qE "Traceback|Fontconfig error" "$work/shot.err"; then cat "$work/shot.err" >&2; fail "errors from --screenshot"; fi
mkdir -p "$OUT" && cp "$work/gui/tmp/shot.png" "$OUT/bare-screenshot.png"
echo "bare: (c) $GUI_PACKAGES, no fonts: --selfcheck in $(secs "$t0" "$t1") s; the sample drawn offscreen in $(secs "$t2" "$t3") s -> $OUT/bare-screenshot.png"

# (c') the same on a real X display where the host has Xvfb (its socket is reachable: no network namespace here)
if ! command -v Xvfb >/dev/null && command -v apt-get >/dev/null; then
  apt-get install -y -q --no-install-recommends xvfb >/dev/null 2>&1 || true
fi
if command -v Xvfb >/dev/null; then
  n=77; while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
  Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp > "$work/xvfb.log" 2>&1 &
  xvfb=$!
  for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
  t4=$(now)
  inroot "$work/gui" "DISPLAY=:$n" bash -c "cd /work && exec /opt/gdchecker/gdchecker $sample --screenshot /tmp/shot-x.png" \
    > "$work/x.out" 2> "$work/x.err" && xrc=0 || xrc=$?
  t5=$(now)
  kill "$xvfb" 2>/dev/null || true; wait "$xvfb" 2>/dev/null || true
  [ "$xrc" = 0 ] && [ -s "$work/gui/tmp/shot-x.png" ] || { tail -5 "$work/x.err" >&2; fail "the window did not open on an X display (exit $xrc)"; }
  cp "$work/gui/tmp/shot-x.png" "$OUT/bare-screenshot-x11.png"
  echo "bare: (c') on an X display (xcb): the sample drawn in $(secs "$t4" "$t5") s -> $OUT/bare-screenshot-x11.png"
else
  echo "bare: (c') no Xvfb on this machine: the real-display (xcb) run was not made"
fi
echo "bare: passed"
