# c3frame tmtf / cltu / tctf: the CCSDS space link (frame/ccsds).
# Sourced by scripts/bench.sh: BENCH_DIR, PKTS1K and bench_ratio are set.
# The downlink case of the issue: 1115-octet randomized TM frames with FECF
# (ASM in front: 1119 octets each), carrying the 1 KiB packets, read back
# into packets. Made once with c3frame's own --write, reused while fresh.
space_tm=$BENCH_DIR/tm1115.raw
if [ ! -s "$space_tm" ] || [ "$BENCH_DIR/ccsds1k.rec" -nt "$space_tm" ]; then
  c3frame tmtf 0x1AB 1115 --fecf --write --out raw < "$BENCH_DIR/ccsds1k.rec" > "$space_tm"
fi
space_frames=$(( $(stat -c %s "$space_tm") / 1119 ))
bench_ratio "c3frame tmtf 1115 FECF --in raw (frames)" "$space_frames" "$space_tm" c3frame tmtf 0x1AB 1115 --fecf --in raw
bench_ratio "c3frame tmtf 1115 FECF --in raw --out raw" "$space_frames" "$space_tm" c3frame tmtf 0x1AB 1115 --fecf --in raw --out raw
bench_ratio "c3frame tmtf 1115 FECF --frames" "$space_frames" "$space_tm" c3frame tmtf 0x1AB 1115 --fecf --in raw --frames
bench_ratio "c3frame tmtf 1115 FECF --write (1 KiB pkts)" "$PKTS1K" "$BENCH_DIR/ccsds1k.rec" c3frame tmtf 0x1AB 1115 --fecf --write

# Uplink: 64-byte packets (a 1 KiB packet does not fit a TC frame) as TC
# frames with FECF, then CLTUs, and back.
space_up=$BENCH_DIR/uplink64.raw
if [ ! -s "$space_up" ] || [ "$BENCH_DIR/ccsds64.rec" -nt "$space_up" ]; then
  c3frame tctf true true 1 0x2F --write < "$BENCH_DIR/ccsds64.rec" | c3frame cltu --write --out raw > "$space_up"
fi
bench_ratio "c3frame cltu --in raw (64 B TC frames)" "$PKTS64" "$space_up" c3frame cltu --in raw
bench_ratio "c3frame tctf --write (64 B)" "$PKTS64" "$BENCH_DIR/ccsds64.rec" c3frame tctf true true 1 0x2F --write
bench_ratio "c3frame cltu --write (64 B)" "$PKTS64" "$BENCH_DIR/ccsds64.rec" c3frame cltu --write
unset space_tm space_frames space_up
