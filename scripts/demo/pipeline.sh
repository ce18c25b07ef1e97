# A loopback target: it plays capture.bin to its client as telemetry and
# logs the commands it gets to commands.rec.
c3link tcp-server 0 --in raw --duration 20 < capture.bin > commands.rec 2> target.log &
TARGET=$!
until PORT=$(grep -om1 '127.0.0.1:[0-9]*' target.log); do kill -0 $TARGET || break; sleep 0.1; done
PORT=${PORT#*:}

# The interface, one COSMOS protocol stack both ways: commands are encoded,
# get a CRC-16 and the sync marker; telemetry is delineated, CRC-checked
# and decoded by the same definitions.
T=scripts/demo/targets/DEMO
c3encode -d $T < scripts/demo/cmds.txt \
  | c3crc add nil true ERROR -16 16 \
  | c3frame length 64 16 11 1 BIG_ENDIAN 4 0x1ACFFC1D nil true --write \
  | c3link tcp-client 127.0.0.1 $PORT --linger 1 \
  | c3frame length 64 16 11 1 BIG_ENDIAN 4 0x1ACFFC1D nil true --stats \
  | c3crc verify nil true ERROR -16 16 --stats \
  | c3decode -d $T --items CCSDSSEQCNT,MODE,HEATER,TEMP1,BATT_V,Q1,RATE_X,SUN_SEEN,FRAME

# What the target got, read back through the same stack as commands.
kill $TARGET; wait $TARGET || true
c3frame length 64 16 11 1 BIG_ENDIAN 4 0x1ACFFC1D nil true < commands.rec \
  | c3crc verify nil true ERROR -16 16 | c3decode --cmd -d $T --items MODE,STATE
