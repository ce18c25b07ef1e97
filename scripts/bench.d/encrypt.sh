# c3frame encryption (COSMOS's demo AES-256-GCM protocol) on 1 KiB records,
# both directions. Sourced by scripts/bench.sh: BENCH_DIR, PKTS1K and
# bench_ratio are set. The key goes through the environment, as a user's
# would.
export C3KIT_ENCRYPTION_KEY=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
enc_sealed=$BENCH_DIR/ccsds1k.sealed.rec
if [ ! -s "$enc_sealed" ] || [ "$BENCH_DIR/ccsds1k.rec" -nt "$enc_sealed" ]; then
  c3frame encryption --write < "$BENCH_DIR/ccsds1k.rec" > "$enc_sealed"
fi
bench_ratio "c3frame encryption --write (1k)" "$PKTS1K" "$BENCH_DIR/ccsds1k.rec" c3frame encryption --write
bench_ratio "c3frame encryption, decrypt (1k)" "$PKTS1K" "$enc_sealed" c3frame encryption
unset enc_sealed C3KIT_ENCRYPTION_KEY
