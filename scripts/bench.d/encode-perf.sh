# c3encode --tlm on the benchmark targets (testdata/bench-targets/PERF):
# STATUS20 (20 items) and HEALTH_STATUS (40); and c3encode on the demo
# target's INST COLLECT command (hazard check included). From COSMOS command strings
# and from the JSON lines c3decode prints for the same packets
# (c3decode | c3encode), each with the default --jobs and with --jobs 1,
# interleaved run by run with `cat | cat` on the same input. Figures are
# medians of ENC_RUNS runs (not best-of): commands/s, the ratio to cat|cat
# and the speed-up over --jobs 1.
# Sourced by scripts/bench.sh: BENCH_DIR and bench_note are set.
enc_defs=testdata/bench-targets/PERF
enc_n=${ENC_CMDS:-200000}
enc_runs=${ENC_RUNS:-5}

# enc_input NAME AWK: NAME.cmd (command strings) and NAME.json (c3decode's
# lines for the packets they build), made once and kept while newer than
# the definitions and as long as asked for.
enc_input() {
  local cmd=$BENCH_DIR/$1.cmd json=$BENCH_DIR/$1.json
  if [ -s "$json" ] && [ "$json" -nt "$enc_defs/cmd_tlm/perf_tlm.txt" ] && [ "$(wc -l < "$cmd")" = "$enc_n" ]; then
    return
  fi
  awk -v n="$enc_n" "$2" > "$cmd"
  c3encode --tlm -d "$enc_defs" < "$cmd" | c3decode -d "$enc_defs" > "$json"
}
# State names, polynomial write conversions, floats, arrays, a quoted
# string and a hex block, changing line to line.
enc_input enc20 'BEGIN { split("SAFE NORMAL SCIENCE", mode); for (i = 0; i < n; i++)
  printf "PERF STATUS20 with CCSDSSEQFLAGS NOGROUP, CCSDSSEQCNT %d, CCSDSLENGTH 13, TIMESEC %d, TIMEUS %d, TEMP1 %.2f, TEMP2 %.2f, VOLT %.2f, MODE %s, COUNTER %d\n",
    i % 16384, 1795250501 + i, (i * 37) % 1000000, -20 + (i % 80), 10 + (i % 7) / 4, 20 + (i % 90) / 10, mode[i % 3 + 1], i - n / 2 }'
enc_input enc40 'BEGIN { split("NORMAL SPECIAL", ct); for (i = 0; i < n; i++)
  printf "PERF HEALTH_STATUS with CCSDSSEQFLAGS NOGROUP, CCSDSSEQCNT %d, TIMESEC %d, TIMEUS %d, COLLECTS %d, TEMP1 %.2f, TEMP2 %.2f, TEMP3 30.5, TEMP4 %d, ARY [%d, 1, 2, 3, 4, 5, 6, 7, 8, 9], DURATION %.3f, COLLECT_TYPE %s, ARY2 [%.2f, 1.5, 2.25, 3, 4, 5, 6, 7, 8, %d], ASCIICMD \"NOOP\", GROUND1STATUS CONNECTED, GROUND2STATUS %d, BLOCKTEST 0xDEADBEEF001122334455, CMD_ACPT_CNT %d\n",
    i % 16384, 1795250501 + i, (i * 37) % 1000000, i % 1000, -20 + (i % 80), 10 + (i % 7) / 4, -15 + (i % 13), i % 256, (i % 100) / 7, ct[i % 2 + 1], (i % 1000) / 3, i % 50, i % 2, i }'

# enc_median FILE: the median of the numbers in FILE, one a line.
enc_median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# enc_case LABEL INPUT [CMD]: c3encode (default: --tlm on PERF) with the
# default --jobs, with --jobs 1 and cat|cat, ENC_RUNS times interleaved;
# one result line of medians.
enc_case() {
  local label=$1 in=$2 cmd=${3:-"c3encode --tlm -d $enc_defs"}
  local d; d=$(mktemp -d "$BENCH_DIR/enc.XXXX")
  for _ in $(seq "$enc_runs"); do
    time_once sh -c "cat '$in' | cat" >> "$d/cat"
    time_once sh -c "cat '$in' | $cmd" >> "$d/jobs"
    time_once sh -c "cat '$in' | $cmd --jobs 1" >> "$d/one"
  done
  bench_note "$(awk -v l="$label" -v n="$enc_n" -v c="$(enc_median "$d/cat")" -v j="$(enc_median "$d/jobs")" -v o="$(enc_median "$d/one")" 'BEGIN {
    printf "%-36s %9.0f cmds/s (--jobs 1: %9.0f)  %5.3fx cat|cat  %4.2fx --jobs 1\n", l, n/j, n/o, c/j, o/j }')"
  rm -rf "$d"
}

bench_note "c3encode --tlm on PERF, $enc_n commands, medians of $enc_runs runs"
for enc_items in 20 40; do
  enc_case "command strings ($enc_items items)" "$BENCH_DIR/enc$enc_items.cmd"
  enc_case "JSON lines ($enc_items items)" "$BENCH_DIR/enc$enc_items.json"
done
# The demo's INST COLLECT: a state, floats, a hex opcode, the CCSDS header
# from defaults, and the HAZARDOUS state check.
enc_inst=testdata/targets/INST
awk -v n="$enc_n" 'BEGIN { for (i = 0; i < n; i++)
  printf "INST COLLECT with TYPE NORMAL, DURATION %.2f, OPCODE %d, TEMP %.1f, SIZE %d\n", (i % 1000) / 100, i % 256, (i % 250) / 10, i }' > "$BENCH_DIR/collect.cmd"
c3encode -d "$enc_inst" < "$BENCH_DIR/collect.cmd" | c3decode --cmd -d "$enc_inst" > "$BENCH_DIR/collect.json"
enc_case "INST COLLECT command strings" "$BENCH_DIR/collect.cmd" "c3encode -d $enc_inst"
enc_case "INST COLLECT JSON lines" "$BENCH_DIR/collect.json" "c3encode -d $enc_inst"
unset enc_defs enc_n enc_runs enc_items enc_inst
unset -f enc_input enc_median enc_case
