# c3crc: verify (CRC-16 and CRC-32, strip) and add, 64-byte and 1 KiB packets.
# Sourced by scripts/bench.sh: BENCH_DIR, PKTS64, PKTS1K and bench_ratio are set.
# The CRC'd inputs are made once with c3crc add and reused while newer than
# their source.
crc_input() { # crc_input SRC DST ADD-ARGS...
  local src=$1 dst=$2; shift 2
  if [ ! -s "$dst" ] || [ "$src" -nt "$dst" ]; then
    c3crc add "$@" < "$src" > "$dst"
  fi
}
for crc_size in 64 1k; do
  crc_src=$BENCH_DIR/ccsds$crc_size.rec
  crc_pk=$PKTS64; [ "$crc_size" = 1k ] && crc_pk=$PKTS1K
  crc_input "$crc_src" "$BENCH_DIR/ccsds$crc_size.crc16.rec" nil false ERROR -16 16
  crc_input "$crc_src" "$BENCH_DIR/ccsds$crc_size.crc32.rec"
  bench_ratio "c3crc verify crc16 ($crc_size)" "$crc_pk" "$BENCH_DIR/ccsds$crc_size.crc16.rec" c3crc verify nil false ERROR -16 16
  bench_ratio "c3crc verify crc16 --strip ($crc_size)" "$crc_pk" "$BENCH_DIR/ccsds$crc_size.crc16.rec" c3crc verify nil true ERROR -16 16
  bench_ratio "c3crc verify crc32 ($crc_size)" "$crc_pk" "$BENCH_DIR/ccsds$crc_size.crc32.rec" c3crc verify
  bench_ratio "c3crc verify crc32 --strip ($crc_size)" "$crc_pk" "$BENCH_DIR/ccsds$crc_size.crc32.rec" c3crc verify --strip
  bench_ratio "c3crc add crc16 ($crc_size)" "$crc_pk" "$crc_src" c3crc add nil false ERROR -16 16
done
bench_ratio "c3crc sum --preset CRC-16/XMODEM (1k raw)" "$PKTS1K" "$BENCH_DIR/ccsds1k.raw" c3crc sum --preset CRC-16/XMODEM
unset crc_size crc_src crc_pk
unset -f crc_input
