#!/usr/bin/env bash
# make demo: a generated telemetry capture goes through the same stack a
# COSMOS interface would use - Length framing with a sync marker, a CRC
# check, the DEMO target's definitions (scripts/demo/targets) - and comes
# out as JSON lines. The capture has garbage between some
# packets and a few corrupt CRCs, so the diagnostics show c3kit resyncing
# and flagging bad packets without losing the good ones around them.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/bin:$PATH"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
go build -o "$work/gen" ./scripts/gen

"$work/gen" -size 32 -packets 12 -apids 3 -sync 0x1ACFFC1D -crc -garbage-every 5 -bad-crc-every 4 > "$work/capture.bin" 2>/dev/null
echo "== capture: 12 CCSDS packets behind 0x1ACFFC1D sync markers, a CRC-16 in each,"
echo "== garbage before every 5th packet, a corrupt CRC in every 4th ($(stat -c %s "$work/capture.bin") bytes)"
echo
echo "== c3frame length (the COSMOS CCSDS-with-ASM example) | c3crc verify (strip the CRC-16) | c3decode"
c3frame length 64 16 11 1 BIG_ENDIAN 4 0x1ACFFC1D --in raw --stats < "$work/capture.bin" \
  | c3crc verify nil true ERROR -16 16 --stats \
  | c3decode -d scripts/demo/targets/DEMO --items CCSDSSEQCNT,MODE,HEATER,TEMP1,BATT_V,Q1,RATE_X,SUN_SEEN,FRAME
echo
echo "== the same packets for humans: c3decode --table --formatted --limits (first two)"
c3frame length 64 16 11 1 BIG_ENDIAN 4 0x1ACFFC1D --in raw < "$work/capture.bin" 2>/dev/null \
  | c3crc verify nil true ERROR -16 16 2>/dev/null \
  | c3decode -d scripts/demo/targets/DEMO --table --formatted --limits | awk '/^$/ {n++} n < 2'
