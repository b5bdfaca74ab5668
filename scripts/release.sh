#!/bin/sh
# Release build: archives a shop owner can download, with SHA-256 checksums.
#
#   scripts/release.sh [VERSION]      (default: git describe, else "dev")
#
# Produces in dist/:
#   spfpatch_VERSION_windows_amd64.zip, spfpatch_VERSION_windows_arm64.zip
#   spfpatch_VERSION_macos_universal.zip   (one binary for Intel and Apple silicon)
#   spfpatch_VERSION_linux_amd64.tar.gz, spfpatch_VERSION_linux_arm64.tar.gz
#   SHA256SUMS
# Every binary is built with CGO_ENABLED=0 -trimpath and stamped with
# -ldflags "-X main.version=VERSION", so `spfpatch --version` names it.
#
# Needs only Go, zip (or, where zip is not installed, Go's own archive/zip
# through `go run ./scripts/zipdir`), tar and sha256sum (or shasum). The macOS universal binary is assembled by
# scripts/fatmacho (a fat Mach-O header written in Go), since lipo exists
# only on macOS; goreleaser is not needed.
set -eu

cd "$(dirname "$0")/.."
VERSION=${1:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}
DIST=dist
NAME=spfpatch
LDFLAGS="-s -w -X main.version=$VERSION"
rm -rf "$DIST"
mkdir -p "$DIST/tmp"

build() { # GOOS GOARCH OUT
	echo "building $1/$2" >&2
	CGO_ENABLED=0 GOOS=$1 GOARCH=$2 go build -trimpath -ldflags "$LDFLAGS" -o "$3" .
}

# stage DIR: the files that go with every binary.
stage() {
	cp README.md README.ja.md "$1/"
	if [ -f LICENSE ]; then cp LICENSE "$1/"; fi
}

zipdir() { # DIR ARCHIVE (the directory's contents, under DIR's name)
	if [ -z "${SPFPATCH_NO_ZIP:-}" ] && command -v zip >/dev/null 2>&1; then
		(cd "$(dirname "$1")" && zip -qr -X "$2" "$(basename "$1")")
	else
		go run ./scripts/zipdir "$2" "$1"
	fi
}

for arch in amd64 arm64; do
	d="$DIST/tmp/${NAME}_${VERSION}_windows_$arch"
	mkdir -p "$d"
	build windows "$arch" "$d/$NAME.exe"
	stage "$d"
	zipdir "$d" "$(pwd)/$DIST/${NAME}_${VERSION}_windows_$arch.zip"
done

d="$DIST/tmp/${NAME}_${VERSION}_macos_universal"
mkdir -p "$d"
build darwin amd64 "$DIST/tmp/$NAME-darwin-amd64"
build darwin arm64 "$DIST/tmp/$NAME-darwin-arm64"
go run ./scripts/fatmacho "$d/$NAME" "$DIST/tmp/$NAME-darwin-amd64" "$DIST/tmp/$NAME-darwin-arm64"
stage "$d"
zipdir "$d" "$(pwd)/$DIST/${NAME}_${VERSION}_macos_universal.zip"

for arch in amd64 arm64; do
	d="$DIST/tmp/${NAME}_${VERSION}_linux_$arch"
	mkdir -p "$d"
	build linux "$arch" "$d/$NAME"
	stage "$d"
	tar -C "$DIST/tmp" -czf "$DIST/${NAME}_${VERSION}_linux_$arch.tar.gz" "$(basename "$d")"
done

# The stamped version, checked on the binary this machine can run.
host=$(go env GOOS)_$(go env GOARCH)
case $host in
linux_amd64 | linux_arm64)
	got=$("$DIST/tmp/${NAME}_${VERSION}_linux_$(go env GOARCH)/$NAME" --version)
	echo "$got" >&2
	case $got in
	*"$VERSION"*) ;;
	*) echo "release: --version does not print $VERSION: $got" >&2; exit 1 ;;
	esac
	;;
esac

rm -rf "$DIST/tmp"
cd "$DIST"
if command -v sha256sum >/dev/null 2>&1; then
	sha256sum -- *.zip *.tar.gz >SHA256SUMS
else
	shasum -a 256 -- *.zip *.tar.gz >SHA256SUMS
fi
cat SHA256SUMS
