# Shared helpers for scripts/bench.sh and its fragments in scripts/bench.d/.
# Every figure is paired with a baseline measured in the same run, because
# this VM's pipe speed varies 2-5x between runs (shared/reference/test-rigs.md §7).

BENCH_RUNS=${BENCH_RUNS:-5}

# now: seconds since the epoch with nanoseconds.
now() { date +%s.%N; }

# time_once CMD...: wall seconds for one run of CMD (stdout to /dev/null).
time_once() {
  local t0 t1
  t0=$(now); "$@" >/dev/null; t1=$(now)
  echo "$t1 - $t0" | bc -l
}

# min_of A B: the smaller of two numbers (the empty string counts as none).
min_of() {
  if [ -z "$1" ] || [ "$(echo "$2 < $1" | bc -l)" = 1 ]; then echo "$2"; else echo "$1"; fi
}

# best_of N CMD...: the fastest of N runs, in seconds.
best_of() {
  local n=$1 best=""; shift
  for _ in $(seq "$n"); do best=$(min_of "$best" "$(time_once "$@")"); done
  printf '%s\n' "$best"
}

# bench_ratio LABEL PACKETS INPUT CMD...: times `cat INPUT | CMD > /dev/null`
# against `cat INPUT | cat > /dev/null`, the two interleaved run by run (best
# of BENCH_RUNS each) so both see the same machine; then `CMD < INPUT >
# /dev/null` for packets/s from a file, and its peak RSS. Prints one line and
# appends it to $BENCH_DIR/results.txt.
bench_ratio() {
  local label=$1 packets=$2 in=$3; shift 3
  local size base="" pipe="" file rss cmd
  size=$(stat -c %s "$in")
  cmd=$(printf '%q ' "$@")
  for _ in $(seq "$BENCH_RUNS"); do
    base=$(min_of "$base" "$(time_once sh -c "cat '$in' | cat")")
    pipe=$(min_of "$pipe" "$(time_once sh -c "cat '$in' | $cmd")")
  done
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
