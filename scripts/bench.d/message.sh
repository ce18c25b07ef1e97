# The message interfaces. Sourced by scripts/bench.sh (BENCH_DIR, BENCH_RUNS,
# bench_note, now; bin/ is on PATH).
#  - MQTT messages/s through a real mosquitto on loopback: c3link mqtt-stream
#    publishing N 64-byte records, c3link mqtt subscribed and counting them,
#    against mosquitto_pub -l / mosquitto_sub moving N 64-byte lines through
#    the same broker in the same run (QoS 0 and 1; best of BENCH_RUNS);
#  - HTTP requests/s through c3link http-server (every request a record on
#    stdout), against a plain Go net/http server, both loaded by the same
#    client (scripts/bench.d/httpload, keep-alive connections).
command -v mosquitto >/dev/null || [ -x /usr/sbin/mosquitto ] || bash scripts/test-setup.sh
msg_mosq=$(command -v mosquitto || echo /usr/sbin/mosquitto)
msg_n=${MSG_N:-20000}
msg_dir=$(mktemp -d)
go build -o "$msg_dir/httpload" ./scripts/bench.d/httpload
"$BENCH_DIR/gen" -size 64 -bytes $((msg_n * 64)) -records > "$msg_dir/in.rec" 2>/dev/null
head -c $((msg_n * 63)) /dev/zero | tr '\0' 'x' | fold -w 63 > "$msg_dir/in.txt"

msg_port=$(( 20000 + RANDOM % 40000 ))
{ [ "$(id -u)" = 0 ] && echo "user root"
  printf 'per_listener_settings false\nallow_anonymous true\npersistence false\nlog_dest stderr\nmax_queued_messages 0\nlistener %s 127.0.0.1\n' "$msg_port"; } > "$msg_dir/m.conf"
"$msg_mosq" -c "$msg_dir/m.conf" >/dev/null 2>"$msg_dir/broker.log" &
msg_bpid=$!
for _ in $(seq 100); do grep -q "listen socket on port $msg_port" "$msg_dir/broker.log" && break; sleep 0.05; done

# msg_rate WHO QOS: messages/s of one run (subscriber started first, given
# time to subscribe; the clock runs from the first publish to the last
# message received).
msg_rate() {
  local who=$1 qos=$2 t0 t1 sub got
  if [ "$who" = c3link ]; then
    timeout 120 c3link mqtt 127.0.0.1 "$msg_port" --topic bench --qos "$qos" --read-only --count "$msg_n" --out raw > "$msg_dir/out" 2>/dev/null &
  else
    timeout 120 mosquitto_sub -p "$msg_port" -t bench -q "$qos" -C "$msg_n" > "$msg_dir/out" 2>/dev/null &
  fi
  sub=$!
  sleep 0.5
  t0=$(now)
  if [ "$who" = c3link ]; then
    c3link mqtt-stream 127.0.0.1 "$msg_port" false bench nil --qos "$qos" < "$msg_dir/in.rec" 2>/dev/null
  else
    mosquitto_pub -p "$msg_port" -t bench -q "$qos" -l < "$msg_dir/in.txt" 2>/dev/null
  fi
  wait "$sub" || true
  t1=$(now)
  got=$(wc -c < "$msg_dir/out"); got=$((got / 64))
  [ "$got" = "$msg_n" ] || { echo 0; return; }
  echo "$msg_n / ($t1 - $t0)" | bc -l
}
for msg_qos in 0 1; do
  msg_c3=0; msg_mq=0
  for _ in $(seq "$BENCH_RUNS"); do
    msg_c3=$(awk -v a="$msg_c3" -v b="$(msg_rate c3link "$msg_qos")" 'BEGIN{print (b>a)?b:a}')
    msg_mq=$(awk -v a="$msg_mq" -v b="$(msg_rate mosquitto "$msg_qos")" 'BEGIN{print (b>a)?b:a}')
  done
  bench_note "$(awk -v c="$msg_c3" -v m="$msg_mq" -v q="$msg_qos" -v n="$msg_n" 'BEGIN {
    printf "c3link mqtt-stream -> broker -> c3link mqtt, QoS %d, 64 B: %8.0f msg/s  %5.0f%% of mosquitto_pub/sub (%6.0f msg/s), %d messages", q, c, (m>0)?100*c/m:0, m, n }')"
done
kill "$msg_bpid" 2>/dev/null; wait "$msg_bpid" 2>/dev/null || true

# HTTP: requests/s through c3link http-server vs a plain Go server.
msg_hport=$(( 20000 + RANDOM % 40000 ))
mkfifo "$msg_dir/feed"
( printf '{"extra":{"HTTP_PATH":"/tlm"},"hex":"%s"}\n' "$(printf '74%.0s' $(seq 64))" | c3encode --hex; exec sleep 3600 ) > "$msg_dir/feed" &
msg_feed=$!
c3link http-server "$msg_hport" < "$msg_dir/feed" > /dev/null 2>"$msg_dir/srv.err" &
msg_srv=$!
"$msg_dir/httpload" -serve "127.0.0.1:$((msg_hport + 1))" 2>/dev/null &
msg_base=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$msg_hport/tlm" >/dev/null && curl -sf "http://127.0.0.1:$((msg_hport + 1))/" >/dev/null && break; sleep 0.05; done
msg_best() { # msg_best URL: best requests/s of BENCH_RUNS
  local best=0 r
  for _ in $(seq "$BENCH_RUNS"); do
    r=$("$msg_dir/httpload" -url "$1" -n 20000 -c 8 | awk '$4 == 0 {print $3}')
    best=$(awk -v a="$best" -v b="${r:-0}" 'BEGIN{print (b>a)?b:a}')
  done
  echo "$best"
}
msg_h=$(msg_best "http://127.0.0.1:$msg_hport/tlm")
msg_g=$(msg_best "http://127.0.0.1:$((msg_hport + 1))/")
bench_note "$(awk -v h="$msg_h" -v g="$msg_g" 'BEGIN {
  printf "c3link http-server, 64 B POST -> record, 8 keep-alive clients: %8.0f req/s  %5.0f%% of a plain Go net/http server (%6.0f req/s)", h, (g>0)?100*h/g:0, g }')"
kill "$msg_srv" "$msg_base" "$msg_feed" 2>/dev/null; wait "$msg_srv" "$msg_base" "$msg_feed" 2>/dev/null || true
rm -rf "$msg_dir"
unset msg_mosq msg_n msg_dir msg_port msg_bpid msg_qos msg_c3 msg_mq msg_hport msg_feed msg_srv msg_base msg_h msg_g
unset -f msg_rate msg_best
