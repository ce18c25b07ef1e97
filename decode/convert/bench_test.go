package convert

import "testing"

var sinkF float64
var sinkA any

func BenchmarkPoly(b *testing.B) {
	p := Poly([]float64{-100, 0.00305, 1e-7})
	b.Run("ConvertFloat", func(b *testing.B) {
		b.ReportAllocs()
		x := 12345.0
		for b.Loop() {
			sinkF = p.ConvertFloat(x)
		}
	})
	b.Run("Convert", func(b *testing.B) {
		b.ReportAllocs()
		var v any = int64(12345)
		for b.Loop() {
			sinkA, _ = p.Convert(v, nil)
		}
	})
}

func BenchmarkSegPoly(b *testing.B) {
	s := SegPoly(Segment{0, []float64{10, 0.5, 0.25}}, Segment{50, []float64{11, 0.5, 0.275}}, Segment{100, []float64{12, 0.5, 0.3}})
	b.ReportAllocs()
	for b.Loop() {
		sinkF = s.ConvertFloat(75)
	}
}

func BenchmarkGeneric(b *testing.B) {
	p := newTestPacket()
	for _, body := range []string{"value * 2", "(packet.read('TEMP1') + packet.read('TEMP2')) / 2.0", "value > 5 ? 'HIGH' : 'LOW'"} {
		c, err := Generic(body, 0, 0, false)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(body, func(b *testing.B) {
			b.ReportAllocs()
			var v any = int64(7)
			for b.Loop() {
				sinkA, _ = c.Convert(v, p)
			}
		})
	}
}
