# c3decode over key-based accessors: a 10-key JSON and a 10-key CBOR
# telemetry packet (decode/engine/testdata/bench/KEYED), identified from
# their bodies (records without target/packet meta, as MQTT or a deframer
# hands them on) and decoded to JSON lines; then the same in process
# (go test -bench), whose packets/s is the figure the brief asks for.
# Sourced by scripts/bench.sh: BENCH_DIR and bench_ratio are set. Inputs are
# made once and reused while newer than the definitions.
keyed_defs=decode/engine/testdata/bench/KEYED
keyed_pkts=${KEYED_PKTS:-200000}
for keyed_pkt in JSON10 CBOR10; do
  keyed_rec=$BENCH_DIR/keyed_$keyed_pkt.rec
  if [ ! -s "$keyed_rec" ] || [ "$keyed_defs/cmd_tlm/keyed_tlm.txt" -nt "$keyed_rec" ]; then
    awk -v n="$keyed_pkts" -v p="$keyed_pkt" 'BEGIN { for (i = 0; i < n; i++)
      printf "{\"target\":\"KEYED\",\"packet\":\"%s\",\"items\":{\"SEQ\":%d,\"TEMP1\":%.2f,\"TEMP2\":%.2f,\"VOLT\":%.1f,\"CURRENT\":%.2f,\"MODE\":%d,\"NAME\":\"unit%d\",\"ON\":%s,\"COUNT\":%d}}\n",
        p, i, 20 + (i % 100) / 10, -3 - (i % 7) / 4, 28 + (i % 10) / 10, (i % 50) / 100, i % 3, i % 10, (i % 2) ? "true" : "false", i % 30000 - 15000 }' |
      c3encode --tlm -d "$keyed_defs" | c3decode --hex | sed 's/"target":"KEYED","packet":"[A-Z0-9]*",//' | c3encode --hex > "$keyed_rec"
  fi
  bench_ratio "c3decode $keyed_pkt (10 keys, identified)" "$keyed_pkts" "$keyed_rec" c3decode -d "$keyed_defs"
done
keyed_go=$(go test ./decode/engine -run '^$' -bench 'DecodeJSON$|DecodeJSON10$|DecodeCBOR10$' -benchtime 2s 2>/dev/null | awk '/^Benchmark/ { for (i = 1; i <= NF; i++) if ($(i+1) == "packets/s") printf "%s %s packets/s; ", $1, $i }')
bench_note "in process: $keyed_go(BenchmarkDecodeJSON is the 21-item binary BENCH packet, for the ratio)"
unset keyed_defs keyed_pkts keyed_pkt keyed_rec keyed_go
