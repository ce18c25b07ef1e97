# c3frame: every deframer and framer at 64 B and 1 KiB.
# Sourced by scripts/bench.sh: BENCH_DIR, PKTS64, PKTS1K and bench_ratio are set.
# Framed inputs are made once with c3frame's own --write and reused while
# newer than their source. Terminated uses the COBS stream (no 0x00 inside a
# packet) with 0x00 as terminator, since random packets hold every byte.
frame_input() { # frame_input SRC DST CMD...: CMD < SRC > DST unless DST is fresh
  local src=$1 dst=$2; shift 2
  if [ ! -s "$dst" ] || [ "$src" -nt "$dst" ]; then
    "$@" < "$src" > "$dst"
  fi
}
for frame_size in 64 1k; do
  frame_pk=$PKTS64; [ "$frame_size" = 1k ] && frame_pk=$PKTS1K
  frame_raw=$BENCH_DIR/ccsds$frame_size.raw
  frame_rec=$BENCH_DIR/ccsds$frame_size.rec
  frame_d=$BENCH_DIR/frame$frame_size

  # Length: CCSDS length field at bit 32, total = field + 7.
  bench_ratio "c3frame length --in raw ($frame_size)" "$frame_pk" "$frame_raw" c3frame length 32 16 7 --in raw
  bench_ratio "c3frame length --in raw --out raw ($frame_size)" "$frame_pk" "$frame_raw" c3frame length 32 16 7 --in raw --out raw
  bench_ratio "c3frame length, records in ($frame_size)" "$frame_pk" "$frame_rec" c3frame length 32 16 7
  bench_ratio "c3frame length --write --fill ($frame_size)" "$frame_pk" "$frame_rec" c3frame length 32 16 7 nil nil nil nil nil true --write
  # Length with the docs' ASM: sync search on every packet.
  frame_input "$frame_rec" "$frame_d.asm.raw" c3frame length 64 16 11 1 BIG_ENDIAN 4 0x1ACFFC1D nil true --write --out raw
  bench_ratio "c3frame length ASM sync --in raw ($frame_size)" "$frame_pk" "$frame_d.asm.raw" c3frame length 64 16 11 1 BIG_ENDIAN 4 0x1ACFFC1D --in raw

  # Burst: one packet per record (a raw read is not a packet).
  frame_input "$frame_rec" "$frame_d.burst.rec" c3frame burst 4 0x1ACFFC1D true --write
  bench_ratio "c3frame burst sync ($frame_size)" "$frame_pk" "$frame_d.burst.rec" c3frame burst 4 0x1ACFFC1D
  bench_ratio "c3frame burst --write --fill ($frame_size)" "$frame_pk" "$frame_rec" c3frame burst 4 0x1ACFFC1D true --write

  frame_input "$frame_rec" "$frame_d.slip.raw" c3frame slip --write --out raw
  bench_ratio "c3frame slip --in raw ($frame_size)" "$frame_pk" "$frame_d.slip.raw" c3frame slip --in raw
  bench_ratio "c3frame slip --write ($frame_size)" "$frame_pk" "$frame_rec" c3frame slip --write

  frame_input "$frame_rec" "$frame_d.cobs.raw" c3frame cobs --write --out raw
  bench_ratio "c3frame cobs --in raw ($frame_size)" "$frame_pk" "$frame_d.cobs.raw" c3frame cobs --in raw
  bench_ratio "c3frame cobs --write ($frame_size)" "$frame_pk" "$frame_rec" c3frame cobs --write

  frame_input "$frame_d.cobs.raw" "$frame_d.term.rec" c3frame terminated 0x00 0x00 --in raw
  bench_ratio "c3frame terminated --in raw ($frame_size)" "$frame_pk" "$frame_d.cobs.raw" c3frame terminated 0x00 0x00 --in raw
  bench_ratio "c3frame terminated --write ($frame_size)" "$frame_pk" "$frame_d.term.rec" c3frame terminated 0x00 0x00 --write

  frame_input "$frame_rec" "$frame_d.pre.raw" c3frame preidentified --write --out raw
  bench_ratio "c3frame preidentified --in raw ($frame_size)" "$frame_pk" "$frame_d.pre.raw" c3frame preidentified --in raw
  bench_ratio "c3frame preidentified --write ($frame_size)" "$frame_pk" "$frame_rec" c3frame preidentified --write
done
unset frame_size frame_pk frame_raw frame_rec frame_d

# Memory stays flat on a 1 GiB stream: generated on the fly, never stored.
frame_rss=$( { "$BENCH_DIR/gen" -size 64 -bytes 1073741824 2>/dev/null \
  | /usr/bin/time -f '%M' c3frame length 32 16 7 --in raw > /dev/null; } 2>&1 | tail -1)
bench_note "$(printf '%-44s peak RSS %.1f MiB over a 1 GiB stream of 64-byte packets' 'c3frame length --in raw (1 GiB)' "$(echo "$frame_rss / 1024" | bc -l)")"
unset frame_rss
