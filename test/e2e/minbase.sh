#!/usr/bin/env bash
# End-to-end: Debian's minbase set, converted to rpm, installs in ONE rpm transaction into an empty
# root and gives a working system.
#
#   debootstrap --variant=minbase --download-only SUITE   (the debs, cached between runs)
#   pkgshift -s deb -t rpm                                (every deb)
#   an empty root prepared as debootstrap prepares it     (device nodes, /proc, merged-/usr links)
#   rpm --root R --initdb && rpm --root R -ivh rpms/*.rpm (one transaction, every scriptlet must succeed)
#   rpm --root R -Va (owners and groups)                  (every file as its package says)
#   chroot R sh -c 'id; perl -e 1; dpkg --version; apt-get --version'
#
# Runs only with PKGSHIFT_E2E=1 (it downloads about 40 MB); needs root, debootstrap, rpm, curl and the
# Debian archive. Exit 0 = passed, 1 = failed, 77 = skipped (the reason is printed). Environment:
#   PKGSHIFT_MINBASE_SUITE   Debian suite (bookworm)
#   PKGSHIFT_MINBASE_MIRROR  archive URL (default: the first Debian URL in the apt sources, else deb.debian.org)
#   PKGSHIFT_MINBASE_CACHE   where the downloaded debs are kept between runs (~/.cache/pkgshift-minbase)
#   PKGSHIFT_MINBASE_WORK    working directory (a fresh temporary one; removed unless the run fails)
#   PKGSHIFT_MINBASE_CONVERT extra pkgshift options (default: a fast zstd payload; what is tested is the
#                            install, and xz -6 would triple the run's time)
set -uo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
started=$(date +%s)

skip() { echo "minbase: SKIPPED: $*"; exit 77; }
fail() { echo "minbase: FAILED: $*"; exit 1; }
step() { echo "minbase: [$(( $(date +%s) - started ))s] $*"; }

suite=${PKGSHIFT_MINBASE_SUITE:-bookworm}
arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)

[ "${PKGSHIFT_E2E:-}" = 1 ] || skip "set PKGSHIFT_E2E=1 to run it (it downloads the minbase set, about 40 MB, once)"
[ "$(id -u)" = 0 ] || skip "needs root (device nodes, mounting /proc, chroot)"
for tool in debootstrap rpm chroot curl node; do
  command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed"
done
[ -f dist/src/cli.js ] || skip "pkgshift is not built (npx tsc -p .)"

default_mirror() {
  # deb822 sources (URIs:) or one-line ones (deb URL suite …); the first that serves Debian itself.
  cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null \
    | sed -n -e 's/^URIs:[[:space:]]*//p' -e 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]\+\).*/\2/p' \
    | tr ' ' '\n' | grep -E '^https?://[^ ]*/debian/?$' | head -n 1
}
mirror=${PKGSHIFT_MINBASE_MIRROR:-$(default_mirror)}
mirror=${mirror:-http://deb.debian.org/debian}

cache=${PKGSHIFT_MINBASE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pkgshift-minbase}/$suite-$arch
debs=$cache/var/cache/apt/archives
if ! ls "$debs"/*.deb >/dev/null 2>&1; then
  curl -fsS --max-time 20 -o /dev/null "$mirror/dists/$suite/Release" 2>/dev/null \
    || skip "the Debian archive ($mirror) is not reachable"
  step "downloading the $suite minbase set from $mirror into $cache"
  rm -rf "$cache" && mkdir -p "$cache"
  debootstrap --variant=minbase --download-only --arch="$arch" "$suite" "$cache" "$mirror" >"$cache.log" 2>&1 \
    || { tail -n 20 "$cache.log"; rm -rf "$cache"; fail "debootstrap --download-only failed (log above)"; }
fi
count=$(ls "$debs"/*.deb | wc -l)
step "$count debs in $debs"

work=${PKGSHIFT_MINBASE_WORK:-$(mktemp -d /tmp/pkgshift-minbase.XXXXXX)}
root=$work/root
rpms=$work/rpms
mounted=
cleanup() {
  [ -n "$mounted" ] && umount "$root/proc" 2>/dev/null
  if [ "${passed:-0}" = 1 ] && [ -z "${PKGSHIFT_MINBASE_WORK:-}" ]; then rm -rf "$work"; else echo "minbase: kept $work"; fi
}
trap cleanup EXIT
rm -rf "$root" "$rpms" && mkdir -p "$root" "$rpms"

step "converting $count debs to rpm"
# Two at a time: conversions are independent, the machine may be small.
convert_options=${PKGSHIFT_MINBASE_CONVERT:---rpm-compression zstd --rpm-compression-level 3}
ls "$debs"/*.deb | xargs -P 2 -I{} sh -c 'node "$1" -s deb -t rpm $4 -p "$2/" "$3" >"$2/$(basename "$3" .deb).log" 2>&1 || { echo "conversion of $3 failed:"; cat "$2/$(basename "$3" .deb).log"; exit 255; }' \
  _ "$repo/dist/src/cli.js" "$rpms" {} "$convert_options" || fail "a conversion failed"
converted=$(ls "$rpms"/*.rpm | wc -l)
[ "$converted" = "$count" ] || fail "$converted rpms from $count debs"
cat "$rpms"/*.log | sed -n 's/^pkgshift: warning: //p' | sort | uniq -c | sort -rn | head -n 40 > "$work/warnings.txt"
step "conversion warnings (most frequent first): $work/warnings.txt"

step "preparing $root as debootstrap does (merged /usr, device nodes, /proc)"
# debootstrap's merged-/usr layout: the top-level directories are links into /usr.
mkdir -p "$root/usr/bin" "$root/usr/sbin" "$root/usr/lib" "$root/dev" "$root/proc" "$root/var/lib" "$root/var/tmp"
for d in bin sbin lib; do ln -s "usr/$d" "$root/$d"; done
case $arch in amd64) mkdir -p "$root/usr/lib64" && ln -s usr/lib64 "$root/lib64" ;; esac
# debootstrap's setup_devices: the basic character devices and the /dev/fd links.
make_dev() { mknod -m "$1" "$root/dev/$2" c "$3" "$4" || fail "mknod $2"; }
make_dev 666 null 1 3; make_dev 666 zero 1 5; make_dev 666 full 1 7
make_dev 666 random 1 8; make_dev 666 urandom 1 9; make_dev 666 tty 5 0
make_dev 600 console 5 1; make_dev 666 ptmx 5 2
mkdir -p "$root/dev/pts" "$root/dev/shm"
ln -s /proc/self/fd "$root/dev/fd"
ln -s /proc/self/fd/0 "$root/dev/stdin"; ln -s /proc/self/fd/1 "$root/dev/stdout"; ln -s /proc/self/fd/2 "$root/dev/stderr"
mount -t proc proc "$root/proc" || fail "cannot mount /proc in $root"
mounted=1

step "rpm --root R --initdb && rpm --root R -ivh (all $converted rpms, one transaction)"
rpm --root "$root" --initdb || fail "rpm --initdb"
rpm --root "$root" -ivh "$rpms"/*.rpm >"$work/install.log" 2>&1
status=$?
installed=$(rpm --root "$root" -qa | wc -l)
# rpm 4.18 exits 0 even when a %posttrans fails: every error line counts, and no install script may
# still wait in pkgshift's queue.
failed_scriptlets=$(grep -E '^error:|scriptlet failed|still waits' "$work/install.log" || true)
left=$(ls "$root/var/lib/rpm-state/pkgshift/queue" 2>/dev/null)
[ -z "$left" ] || failed_scriptlets="$failed_scriptlets
install scripts never run: $(echo $left)"
step "rpm -ivh exit $status; $installed of $converted packages installed"
if [ -n "$failed_scriptlets" ]; then echo "$failed_scriptlets" | sed 's/^/minbase:   /'; fi
if [ "$status" != 0 ] || [ -n "$failed_scriptlets" ] || [ "$installed" != "$converted" ]; then
  tail -n 60 "$work/install.log"
  fail "the transaction did not install cleanly (full log: $work/install.log)"
fi

# Every file has the owner and group its package gives it (Debian's accounts are made by base-passwd's
# preinst, which may run after rpm unpacked a file of group shadow or staff).
owners=$(rpm --root "$root" -Va --nodeps --nofiledigest --nosize --nomtime --nomode --nordev --nolinkto --nocaps 2>&1)
[ -z "$owners" ] || { echo "$owners" | sed 's/^/minbase:   /'; fail "files with another owner or group than their package says (rpm -Va above)"; }
step "owners and groups as the packages say (rpm -Va): $(stat -c '%n %G' "$root/usr/bin/chage" | sed "s|$root||")"

step "chroot: id; perl -e 1; dpkg --version; apt-get --version"
out=$(chroot "$root" /bin/sh -c 'id; perl -e 1 && echo perl-ok; dpkg --version | head -n 1; apt-get --version | head -n 1' 2>&1)
echo "$out" | sed 's/^/minbase:   /'
grep -q '^uid=0(root)' <<<"$out" || fail "id does not answer root"
grep -q '^perl-ok$' <<<"$out" || fail "perl does not run"
grep -q "dpkg.*version" <<<"$out" || fail "dpkg does not run"
grep -q '^apt ' <<<"$out" || fail "apt-get does not run"

passed=1
step "PASSED: $converted debs converted, $installed rpms installed in one transaction, chroot works"
