# Shared by scripts/demo and scripts/test: install what is missing, build.
# Sourced, not run.

CORDBOARD_PACKAGES="meson ninja-build pkg-config gcc libc6-dev \
baresip-core libre-dev librem-dev libconfuse-dev libncurses-dev \
libcmocka-dev libxml2-dev libevdev-dev libjansson-dev libssl-dev tmux python3"
# only for scripts/test: the registrar and presence server of the
# integration tests (on a machine with systemd, Debian's package also
# starts its own service on port 5060; `systemctl disable --now
# kamailio` if you do not want it)
# TLS: the test's own CA (openssl), Kamailio's TLS, and the capture
# that proves nothing leaves in clear (tcpdump); iproute2's ss shows
# which ports the console's calls use; linphone-cli and twinkle-console
# are two other brands of phone (tests/integration/linphone.py,
# twinkle.py); build-essential, dpkg-dev, debhelper and lintian build
# and check the .deb (tests/integration/test_deb.py)
CORDBOARD_TEST_PACKAGES="kamailio kamailio-presence-modules \
kamailio-tls-modules openssl tcpdump iproute2 linphone-cli \
twinkle-console build-essential dpkg-dev debhelper lintian"
# only for the fuzz suite (scripts/test, scripts/fuzz): clang and
# libFuzzer's runtime, which Debian 12 ships in libclang-rt-14-dev
CORDBOARD_FUZZ_PACKAGES="clang libclang-rt-14-dev"

say() { printf '%s\n' "$*" >&2; }

as_root() {
	if [ "$(id -u)" = 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		say "need root to run: $*"
		return 1
	fi
}

# deps_ensure [EXTRA_PACKAGES]
deps_ensure() {
	missing=""
	for p in $CORDBOARD_PACKAGES ${1:-}; do
		if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		     grep -q 'install ok installed'; then
			missing="$missing $p"
		fi
	done
	if [ -n "$missing" ]; then
		say "installing:$missing"
		as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q ||
			return 1
		# shellcheck disable=SC2086
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y \
			-q --no-install-recommends $missing || return 1
	fi
}

build_ensure() {
	builddir=${CORDBOARD_BUILD_DIR:-build}
	if [ ! -f "$builddir/build.ninja" ]; then
		meson setup "$builddir" || return 1
	fi
	ninja -C "$builddir" || return 1
}

# fuzz_build_ensure: a clang build with -Dfuzz=true in
# ${CORDBOARD_FUZZ_BUILD_DIR:-build-fuzz}. Returns 2 when clang cannot
# build a libFuzzer program here (the fuzz suite is then skipped), 1
# when the build fails.
fuzz_build_ensure() {
	fuzzdir=${CORDBOARD_FUZZ_BUILD_DIR:-build-fuzz}
	probe=$(mktemp -d) || return 2
	printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
		'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
		'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)' \
		'{ return 0; }' > "$probe/probe.c"
	if ! clang -fsanitize=fuzzer,address,undefined "$probe/probe.c" \
	     -o "$probe/probe" >/dev/null 2>&1; then
		rm -rf "$probe"
		say "clang cannot build libFuzzer targets here"
		return 2
	fi
	rm -rf "$probe"
	if [ ! -f "$fuzzdir/build.ninja" ]; then
		CC=clang meson setup "$fuzzdir" -Dfuzz=true || return 1
	fi
	ninja -C "$fuzzdir" || return 1
}
