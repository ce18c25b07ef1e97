#!/usr/bin/env bash
# make demo: a COSMOS-style interface against a loopback target, with the
# exact commands README.md shows (scripts/demo/pipeline.sh). The target
# plays a generated capture - CCSDS packets behind 0x1ACFFC1D sync markers
# with a CRC-16 each, garbage between some packets, a few corrupt CRCs - and
# logs the commands it gets. The diagnostics show c3kit resyncing and
# flagging bad packets without losing the good ones around them.
# C3KIT_BIN (default ./bin) is where the binaries are.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${C3KIT_BIN:-$PWD/bin}:$PATH"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
go build -o "$work/gen" ./scripts/gen

# The README runs the pipeline from the repository root, beside capture.bin;
# here the files it makes live in $work.
"$work/gen" -size 32 -packets 12 -apids 3 -sync 0x1ACFFC1D -crc -garbage-every 5 -bad-crc-every 4 > "$work/capture.bin" 2>/dev/null
echo "== capture.bin: 12 CCSDS packets behind 0x1ACFFC1D sync markers, a CRC-16 in each,"
echo "== garbage before every 5th packet, a corrupt CRC in every 4th ($(stat -c %s "$work/capture.bin") bytes)"
echo "== scripts/demo/pipeline.sh:"
sed 's/^/    /' scripts/demo/pipeline.sh
echo
ln -s "$PWD/scripts" "$work/scripts"
cd "$work"
. scripts/demo/pipeline.sh
