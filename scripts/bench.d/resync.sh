# c3frame resync over garbage with no sync pattern (issue 7 fault 4): pure
# 0xFF bytes, where every byte is a candidate packet start whose length
# field is impossible. The whole stretch is one stderr report; the target
# is at least 0.3x cat. Sourced by scripts/bench.sh (BENCH_DIR, bench_ratio).
resync_in=$BENCH_DIR/garbage-ff.raw
if [ ! -s "$resync_in" ]; then
  head -c 209715200 /dev/zero | tr '\0' '\377' > "$resync_in"
fi
bench_ratio "c3frame length 0 32 4 garbage resync" 0 "$resync_in" sh -c 'c3frame length 0 32 4 --in raw 2>/dev/null'
bench_ratio "c3frame preidentified garbage resync" 0 "$resync_in" sh -c 'c3frame preidentified --in raw 2>/dev/null'
unset resync_in
