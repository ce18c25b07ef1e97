# Shared helpers for scripts/bench.sh and its fragments in scripts/bench.d/.
# Every figure is paired with a baseline measured in the same run, because
# this VM's pipe speed varies 2-5x between runs (shared/reference/test-rigs.md §7).

BENCH_RUNS=${BENCH_RUNS:-3}
declare -A BENCH_CAT_SECS

# now: seconds since the epoch with nanoseconds.
now() { date +%s.%N; }

# best_of N CMD...: runs CMD N times (stdout to /dev/null) and prints the
# fastest wall time in seconds.
best_of() {
  local n=$1; shift
  local best="" t0 t1 d
  for _ in $(seq "$n"); do
    t0=$(now); "$@" >/dev/null; t1=$(now)
    d=$(echo "$t1 - $t0" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$d < $best" | bc -l)" = 1 ]; then best=$d; fi
  done
  printf '%s\n' "$best"
}

# cat_baseline INPUT: seconds for `cat INPUT | cat > /dev/null` (cached per input).
cat_baseline() {
  local in=$1
  if [ -z "${BENCH_CAT_SECS[$in]:-}" ]; then
    BENCH_CAT_SECS[$in]=$(best_of "$BENCH_RUNS" sh -c "cat '$in' | cat")
  fi
  printf '%s\n' "${BENCH_CAT_SECS[$in]}"
}

# bench_ratio LABEL PACKETS INPUT CMD...: times `cat INPUT | CMD > /dev/null`
# against `cat INPUT | cat > /dev/null`, and `CMD < INPUT > /dev/null` for
# packets/s and peak RSS. Prints one line and appends it to $BENCH_DIR/results.txt.
bench_ratio() {
  local label=$1 packets=$2 in=$3; shift 3
  local size base pipe file rss cmd
  size=$(stat -c %s "$in")
  base=$(cat_baseline "$in")
  cmd=$(printf '%q ' "$@")
  pipe=$(best_of "$BENCH_RUNS" sh -c "cat '$in' | $cmd")
  file=$(best_of "$BENCH_RUNS" sh -c "$cmd < '$in'")
  rss=$( { /usr/bin/time -f '%M' sh -c "$cmd < '$in' > /dev/null" ; } 2>&1 >/dev/null | tail -1)
  local line
  line=$(awk -v l="$label" -v s="$size" -v p="$packets" -v b="$base" -v t="$pipe" -v f="$file" -v r="$rss" 'BEGIN {
    printf "%-44s %8.0f MB/s  %5.0f%% of cat|cat (%6.0f MB/s)  %7.2f Mpkt/s piped  %7.2f Mpkt/s file-in  %5.1f MiB RSS\n",
      l, s/t/1e6, 100*b/t, s/b/1e6, p/t/1e6, p/f/1e6, r/1024 }')
  printf '%s\n' "$line"
  printf '%s\n' "$line" >> "$BENCH_DIR/results.txt"
}

# bench_note TEXT: a free-form result line (for figures that are not a cat ratio).
bench_note() {
  printf '%s\n' "$*"
  printf '%s\n' "$*" >> "$BENCH_DIR/results.txt"
}
