package fixed

import (
	"testing"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/frame"
	"github.com/c3kit/c3kit/frame/record"
)

// FuzzFixed deframes arbitrary bytes: never a panic, and every packet out
// is one the definitions identify, of exactly its defined length.
func FuzzFixed(f *testing.F) {
	set := load(f)
	f.Add([]byte{0x1A, 0xCF, 0xFC, 0x1D, 0x00, 0x01}, uint8(3), true)
	f.Add(build(f, set, def.Telemetry, "INST PARAMS with VALUE1 1"), uint8(5), false)
	f.Fuzz(func(t *testing.T, data []byte, step uint8, withSync bool) {
		p := Params{MinIDSize: 16, Telemetry: true, Set: set}
		if withSync {
			p.Sync, p.Discard, p.MinIDSize = sync, 4, 20
		}
		fx, err := New(p)
		if err != nil {
			t.Fatal(err)
		}
		d := frame.NewDeframer(fx, frame.Options{})
		emit := func(m record.Meta, pkt []byte) error {
			q := set.Packet(m.Target(), m.Packet(), def.Telemetry)
			if q == nil || len(pkt) != q.DefinedLength {
				t.Fatalf("packet %v of %d bytes", m, len(pkt))
			}
			return nil
		}
		n := int(step%64) + 1
		for i := 0; i < len(data); i += n {
			if err := d.Feed(data[i:min(i+n, len(data))], nil, emit); err != nil {
				t.Fatal(err)
			}
		}
		_ = d.Close()
	})
}
