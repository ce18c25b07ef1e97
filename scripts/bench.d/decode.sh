# c3decode / c3encode: the 21-item BENCH STATUS packet (CCSDS header, ints,
# floats, bit fields, states, polynomial conversions) decoded to JSON lines,
# raw, formatted and CSV, and built from COSMOS command strings.
# Sourced by scripts/bench.sh: BENCH_DIR and bench_ratio are set. The inputs
# are made once and reused while newer than the definitions: command strings,
# built by c3encode --tlm and cut by c3frame length as a deframer would hand
# them on (records without meta, so c3decode identifies every packet).
decode_defs=decode/engine/testdata/bench/BENCH
decode_pkts=${DECODE_PKTS:-300000}
decode_lines=$BENCH_DIR/decode.lines
decode_rec=$BENCH_DIR/decode.rec
if [ ! -s "$decode_rec" ] || [ "$decode_defs/cmd_tlm/bench_tlm.txt" -nt "$decode_rec" ] || \
   [ "$(wc -l < "$decode_lines" 2>/dev/null || echo 0)" != "$decode_pkts" ]; then
  awk -v n="$decode_pkts" 'BEGIN { for (i = 0; i < n; i++)
    printf "BENCH STATUS with CCSDSLENGTH 37, CCSDSSEQCNT %d, TIMESEC %d, TIMEUS %d, TEMP1 %d, TEMP2 %d, TEMP3 %d, TEMP4 %d, VOLT %.1f, CURRENT %.2f, MODE %d, FLAG_A %d, FLAG_B %d, FIELD %d, COUNTER %d, POWER %.2f\n",
      i % 16384, 1795250501 + i, (i * 37) % 1000000, 30000 + i % 1000, 31000 + i % 900, 32000 + i % 800, 33000 + i % 700,
      28 + (i % 100) / 10, (i % 50) / 100, i % 3, i % 2, int(i / 2) % 2, i % 64, i - n / 2, i * 1.25 }' > "$decode_lines"
  c3encode --tlm --out raw -d "$decode_defs" < "$decode_lines" | c3frame length 32 16 7 --in raw > "$decode_rec"
fi
bench_ratio "c3decode JSON lines (21 items)" "$decode_pkts" "$decode_rec" c3decode -d "$decode_defs"
bench_ratio "c3decode --raw (21 items)" "$decode_pkts" "$decode_rec" c3decode --raw -d "$decode_defs"
bench_ratio "c3decode --formatted (21 items)" "$decode_pkts" "$decode_rec" c3decode --formatted -d "$decode_defs"
bench_ratio "c3decode --csv (21 items)" "$decode_pkts" "$decode_rec" c3decode --csv -d "$decode_defs"
bench_ratio "c3decode --identify" "$decode_pkts" "$decode_rec" c3decode --identify -d "$decode_defs"
bench_ratio "c3encode --tlm (command strings)" "$decode_pkts" "$decode_lines" c3encode --tlm -d "$decode_defs"
decode_json=$BENCH_DIR/decode.jsonl
[ -s "$decode_json" ] && [ "$decode_json" -nt "$decode_rec" ] || c3decode --raw -d "$decode_defs" < "$decode_rec" > "$decode_json"
bench_ratio "c3encode --tlm --raw (JSON lines)" "$decode_pkts" "$decode_json" c3encode --tlm --raw -d "$decode_defs"
unset decode_defs decode_pkts decode_lines decode_rec decode_json
