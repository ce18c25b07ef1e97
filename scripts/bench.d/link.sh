# c3link on loopback. Sourced by scripts/bench.sh (BENCH_DIR, BENCH_MB,
# BENCH_RUNS, bench_note are set; bin/ is on PATH).
#  - TCP bytes/s: a loopback source serves BENCH_MB MiB to `c3link tcp-client`
#    (stdout to /dev/null), as a ratio against socat on the same traffic in
#    the same run (best of BENCH_RUNS each);
#  - latency: a packet's last byte written on the socket -> its record read
#    from c3link's stdout, one packet in flight, p50/p99/max;
#  - UDP datagrams/s with loss counted, flat out and paced, against socat.
command -v socat >/dev/null || bash scripts/test-setup.sh
go build -o "$BENCH_DIR/linkbench" ./scripts/linkbench
link_bytes=$((BENCH_MB * 1024 * 1024))
link_best() { # link_best CMD: best MB/s of BENCH_RUNS tput runs
  local best=0 r
  for _ in $(seq "$BENCH_RUNS"); do
    r=$("$BENCH_DIR/linkbench" -mode tput -bytes "$link_bytes" -- "$1" 2>/dev/null | awk '{print $3}')
    best=$(awk -v a="$best" -v b="${r:-0}" 'BEGIN{print (b>a)?b:a}')
  done
  echo "$best"
}
link_q="--read-only --dont-reconnect"
link_socat=$(link_best "socat -u TCP:127.0.0.1:{PORT} STDOUT >/dev/null")
link_raw=$(link_best "c3link tcp-client 127.0.0.1 {PORT} $link_q --out raw >/dev/null 2>&1")
link_rec=$(link_best "c3link tcp-client 127.0.0.1 {PORT} $link_q >/dev/null 2>&1")
link_socat64=$(link_best "socat -b 65536 -u TCP:127.0.0.1:{PORT} STDOUT >/dev/null")
bench_note "$(awk -v s="$link_socat" -v s64="$link_socat64" -v r="$link_raw" -v c="$link_rec" 'BEGIN {
  printf "c3link tcp-client --out raw            %8.0f MB/s  %5.0f%% of socat (%6.0f MB/s), %5.0f%% of socat -b 65536 (%6.0f MB/s)\n", r, 100*r/s, s, 100*r/s64, s64
  printf "c3link tcp-client (records out)        %8.0f MB/s  %5.0f%% of socat", c, 100*c/s }')"

link_lat=$("$BENCH_DIR/linkbench" -mode latency -n 5000 -size 64 -c3link "$(command -v c3link)" 2>/dev/null)
bench_note "$(echo "$link_lat" | awk '{printf "c3link tcp-client latency socket->stdout  p50 %.0f us  p99 %.0f us  max %.0f us (5000 packets, one in flight)", $1, $2, $3}')"

for link_rate in 0 20000; do
  link_label="flat out"; [ "$link_rate" = 0 ] || link_label="paced ${link_rate}/s"
  for link_who in c3link socat; do
    link_cmd="c3link udp 127.0.0.1 nil {PORT} --read-only --out raw"
    [ "$link_who" = socat ] && link_cmd="socat -u UDP-RECV:{PORT} STDOUT"
    link_u=$("$BENCH_DIR/linkbench" -mode udp -n 200000 -size 1024 -rate "$link_rate" -- "$link_cmd" 2>/dev/null)
    bench_note "$(echo "$link_u" | awk -v w="$link_who" -v l="$link_label" '{printf "%-6s udp 1 KiB datagrams, %-14s %8.0f datagrams/s received, %d of %d lost (%.2f%%)", w, l, $4, $3, $1, 100*$3/$1}')"
  done
done
unset link_bytes link_q link_socat link_socat64 link_raw link_rec link_lat link_rate link_label link_who link_cmd link_u
unset -f link_best
