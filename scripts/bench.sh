#!/usr/bin/env bash
# make bench: each stage's throughput as a ratio against cat on the same
# input, in the same run. Inputs are generated once into $BENCH_DIR:
#   ccsds64.raw / ccsds1k.raw  raw byte streams of CCSDS packets (64 B / 1 KiB)
#   ccsds64.rec / ccsds1k.rec  the same packets as record streams
# Then every scripts/bench.d/*.sh fragment runs, using bench_ratio
# (BENCH_ONLY="perf crc": only those).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/bin:$PATH"
BENCH_DIR=${BENCH_DIR:-/tmp/c3kit-bench}
BENCH_MB=${BENCH_MB:-256}
mkdir -p "$BENCH_DIR"
: > "$BENCH_DIR/results.txt"
source scripts/bench-lib.sh
# bc for the arithmetic, GNU time for peak RSS: install them when missing.
need=()
command -v bc >/dev/null || need+=(bc)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

go build -o "$BENCH_DIR/gen" ./scripts/gen
bytes=$((BENCH_MB * 1024 * 1024))
for size in 64 1024; do
  name=ccsds64; [ "$size" = 1024 ] && name=ccsds1k
  [ -s "$BENCH_DIR/$name.raw" ] && [ "$(stat -c %s "$BENCH_DIR/$name.raw")" -ge "$bytes" ] || \
    "$BENCH_DIR/gen" -size "$size" -bytes "$bytes" > "$BENCH_DIR/$name.raw" 2>/dev/null
  [ -s "$BENCH_DIR/$name.rec" ] && [ "$BENCH_DIR/$name.rec" -nt "$BENCH_DIR/$name.raw" ] || \
    "$BENCH_DIR/gen" -size "$size" -bytes "$bytes" -records > "$BENCH_DIR/$name.rec" 2>/dev/null
done
export BENCH_DIR
PKTS64=$((bytes / 64)); PKTS1K=$((bytes / 1024))
export PKTS64 PKTS1K

bench_note "c3kit bench, $(date -u +%FT%TZ), $(nproc) cores, ${BENCH_MB} MiB per input, best of $BENCH_RUNS"
bench_ratio "cat (baseline, self)" "$PKTS64" "$BENCH_DIR/ccsds64.raw" cat

for f in scripts/bench.d/*.sh; do
  [ -e "$f" ] || continue
  # BENCH_ONLY="perf crc" runs only those fragments (scripts/bench.d/NAME.sh).
  if [ -n "${BENCH_ONLY:-}" ]; then
    case " $BENCH_ONLY " in *" $(basename "$f" .sh) "*) ;; *) continue ;; esac
  fi
  bench_note "== $(basename "$f" .sh)"
  source "$f"
done
echo "results: $BENCH_DIR/results.txt"
