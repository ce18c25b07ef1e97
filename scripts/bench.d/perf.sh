# c3decode on the benchmark targets (testdata/bench-targets/PERF):
# HEALTH_STATUS, 40 items modelled on COSMOS's INST2 HEALTH_STATUS, and the
# 20-item STATUS20. JSON lines, --raw, CSV and the whole
# `c3frame | c3crc | c3decode` pipeline, each with the default --jobs and
# with --jobs 1, interleaved run by run with `cat | cat` on the same input.
# Figures are medians of PERF_RUNS runs (not best-of): packets/s, the ratio
# to cat|cat and the speed-up over --jobs 1.
# Sourced by scripts/bench.sh: BENCH_DIR and bench_note are set.
perf_defs=testdata/bench-targets/PERF
perf_pkts=${PERF_PKTS:-200000}
perf_runs=${PERF_RUNS:-5}

# perf_input NAME LINES-AWK: NAME.raw (the raw packets), NAME.rec (records,
# as c3frame hands them on)
# and NAME.crc.raw (raw CCSDS packets with a CRC-32 appended, CCSDSLENGTH
# counting it), made once and reused while newer than the definitions.
perf_input() {
  local name=$1 prog=$2 lines=$BENCH_DIR/$1.lines
  if [ -s "$BENCH_DIR/$name.rec" ] && [ -s "$BENCH_DIR/$name.raw" ] && [ "$BENCH_DIR/$name.rec" -nt "$perf_defs/cmd_tlm/perf_tlm.txt" ] &&
     [ "$(wc -l < "$lines")" = "$perf_pkts" ]; then
    return
  fi
  awk -v n="$perf_pkts" "$prog" > "$lines"
  c3encode --tlm --out raw -d "$perf_defs" < "$lines" > "$BENCH_DIR/$name.raw"
  c3frame length 32 16 3 --in raw < "$BENCH_DIR/$name.raw" > "$BENCH_DIR/$name.rec"
  c3crc add --out raw < "$BENCH_DIR/$name.rec" > "$BENCH_DIR/$name.crc.raw"
}
# CCSDSLENGTH counts the CRC (c3frame length 32 16 7 frames the .crc.raw
# stream); the records are cut before the CRC is added, with a value
# offset of 3 instead of 7.
perf_input perf40 'BEGIN { for (i = 0; i < n; i++)
  printf "PERF HEALTH_STATUS with CCSDSLENGTH 394, CCSDSSEQCNT %d, TIMESEC %d, TIMEUS %d, COLLECTS %d, TEMP1 %.2f, TEMP2 %.2f, TEMP3 %.2f, TEMP4 %.2f, ARY [%d, 1, 2, 3, 4, 5, 6, 7, 8, 9], DURATION %.3f, COLLECT_TYPE %d, ARY2 [%.2f, 1.5, 2.25, 3, 4, 5, 6, 7, 8, %.1f], ASCIICMD \"NOOP\", GROUND1STATUS %d, GROUND2STATUS 1, BLOCKTEST 0xDEADBEEF001122334455, CMD_ACPT_CNT %d\n",
    i % 16384, 1795250501 + i, (i * 37) % 1000000, i % 1000, -20 + (i % 80), 10 + (i % 7) / 4, 30.5, -15 + (i % 13), i % 256, (i % 100) / 7, i % 2, (i % 1000) / 3, i % 50, i % 2, i }'
perf_input perf20 'BEGIN { for (i = 0; i < n; i++)
  printf "PERF STATUS20 with CCSDSLENGTH 26, CCSDSSEQCNT %d, TIMESEC %d, TIMEUS %d, TEMP1 %.2f, TEMP2 %.2f, VOLT %.2f, MODE %d, COUNTER %d\n",
    i % 16384, 1795250501 + i, (i * 37) % 1000000, -20 + (i % 80), 10 + (i % 7) / 4, 20 + (i % 90) / 10, i % 3, i - n / 2 }'

# perf_median FILE: the median of the numbers in FILE, one a line.
perf_median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# perf_case LABEL INPUT CMD: CMD with the default --jobs and with --jobs 1,
# and cat|cat, each PERF_RUNS times interleaved; one result line of medians.
perf_case() {
  local label=$1 in=$2 cmd=$3 t
  local d; d=$(mktemp -d "$BENCH_DIR/perf.XXXX")
  for _ in $(seq "$perf_runs"); do
    time_once sh -c "cat '$in' | cat" >> "$d/cat"
    time_once sh -c "cat '$in' | $cmd" >> "$d/jobs"
    time_once sh -c "cat '$in' | $cmd --jobs 1" >> "$d/one"
  done
  local tc tj t1
  tc=$(perf_median "$d/cat"); tj=$(perf_median "$d/jobs"); t1=$(perf_median "$d/one")
  # The spread: the slowest over the fastest default-jobs run.
  t=$(sort -g "$d/jobs" | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f", hi / lo }')
  bench_note "$(awk -v l="$label" -v p="$perf_pkts" -v c="$tc" -v j="$tj" -v o="$t1" -v s="$t" 'BEGIN {
    printf "%-40s %9.0f pkt/s (--jobs 1: %9.0f)  %5.3fx cat|cat  %4.2fx --jobs 1  spread %sx\n", l, p/j, p/o, c/j, o/j, s }')"
  rm -rf "$d"
}

bench_note "c3decode on PERF, $perf_pkts packets, medians of $perf_runs runs, default --jobs = $(nproc) cores"
for perf_n in 40 20; do
  perf_rec=$BENCH_DIR/perf$perf_n.rec
  perf_case "JSON lines ($perf_n items)" "$perf_rec" "c3decode -d $perf_defs"
  perf_case "--raw ($perf_n items)" "$perf_rec" "c3decode --raw -d $perf_defs"
  perf_case "--csv ($perf_n items)" "$perf_rec" "c3decode --csv -d $perf_defs"
  perf_case "c3frame|c3decode ($perf_n items)" "$BENCH_DIR/perf$perf_n.raw" \
    "c3frame length 32 16 3 --in raw | c3decode -d $perf_defs"
  perf_case "c3frame|c3crc|c3decode ($perf_n items)" "$BENCH_DIR/perf$perf_n.crc.raw" \
    "c3frame length 32 16 7 --in raw | c3crc verify --strip | c3decode -d $perf_defs"
done

# Latency of one HEALTH_STATUS packet through c3link | c3frame | c3decode
# (default --jobs) on a quiet link: written on the socket -> its JSON line.
go build -o "$BENCH_DIR/linkbench" ./scripts/linkbench
head -n 1 "$BENCH_DIR/perf40.lines" | c3encode --tlm --out raw -d "$perf_defs" > "$BENCH_DIR/perf40.one.raw"
perf_lat=$("$BENCH_DIR/linkbench" -mode lines -n 5000 -packet "$BENCH_DIR/perf40.one.raw" -- \
  "c3link tcp-client 127.0.0.1 {PORT} --read-only --dont-reconnect 2>/dev/null | c3frame length 32 16 3 | c3decode -d $perf_defs")
bench_note "$(echo "$perf_lat" | awk '{printf "c3link|c3frame|c3decode latency (40 items)  p50 %.0f us  p99 %.0f us  max %.0f us (5000 packets, one in flight)", $1, $2, $3}')"
# Peak RSS of c3decode (default --jobs) over 1 GiB of HEALTH_STATUS
# packets (perf40.raw repeated), framed by c3frame: batches bound memory
# whatever the stream's length.
perf_rss=$({ for _ in $(seq 14); do cat "$BENCH_DIR/perf40.raw"; done | c3frame length 32 16 3 --in raw \
  | /usr/bin/time -f '%M' c3decode -d "$perf_defs" > /dev/null; } 2>&1 | tail -1)
bench_note "$(printf '%-44s peak RSS %.1f MiB over a 1.04 GiB stream of HEALTH_STATUS packets' 'c3frame|c3decode (40 items, 1 GiB)' "$(echo "$perf_rss / 1024" | bc -l)")"
unset perf_defs perf_pkts perf_runs perf_n perf_rec perf_lat perf_rss
unset -f perf_input perf_median perf_case
