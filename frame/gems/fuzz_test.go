package gems

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/c3kit/c3kit/frame"
	"github.com/c3kit/c3kit/frame/record"
)

// FuzzParam: any field parses without panic, and a parameter that parses
// builds a field that parses back to the same parameter.
func FuzzParam(f *testing.F) {
	for _, s := range []string{"Voltage:double=3.5", "Arr:int[3]=1,2,3", "Set:set_type[2]=a:int=1;b:string=x;,a:int=2;b:string=y&d;", "x&b:string=&a&s", "a:b[0]="} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, field string) {
		p, ok, err := ParseParam(field)
		if !ok || err != nil {
			return
		}
		back, ok, err := ParseParam(p.Field())
		if !ok || err != nil || !reflect.DeepEqual(back, p) {
			t.Fatalf("%q -> %+v -> %q -> %+v (%v)", field, p, p.Field(), back, err)
		}
	})
}

// FuzzRead: any byte stream deframes without panic; every message that
// comes out has a correct length field; what Frame writes reads back.
func FuzzRead(f *testing.F) {
	f.Add([]byte(msg("14", "1", "", "0", "S", "PING")))
	f.Add([]byte("xx|GEMS|14|0000000999|1||0|S|PING|END|GEMS|END"))
	f.Fuzz(func(t *testing.T, stream []byte) {
		p, _ := New(1 << 16)
		d := frame.NewDeframer(p, frame.Options{})
		err := d.Feed(stream, nil, func(_ record.Meta, pkt []byte) error {
			if err := CheckLength(pkt); err != nil {
				t.Fatalf("emitted %q: %v", pkt, err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		w, _ := New(0)
		parts, err := w.Frame(nil, append([]byte(nil), stream...))
		if err != nil {
			return
		}
		framed := bytes.Join(parts, nil)
		r, _ := New(0)
		var got [][]byte
		d = frame.NewDeframer(r, frame.Options{})
		d.Feed(framed, nil, func(_ record.Meta, pkt []byte) error { got = append(got, append([]byte(nil), pkt...)); return nil })
		if len(got) == 0 || !bytes.Equal(got[0], framed) {
			t.Fatalf("framed %q read back as %q", framed, got)
		}
	})
}
