package gems

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/c3kit/c3kit/frame"
	"github.com/c3kit/c3kit/frame/record"
)

// msg builds a message with a correct length field from the fields after
// the length.
func msg(ver, tid, token, ts, target, typ string, fields ...string) string {
	m := &Message{Version: ver, Length: FormatLength(0), TransactionID: tid, Token: token, Timestamp: ts, Target: target, Type: typ, Fields: fields}
	b := m.Bytes()
	m.Length = FormatLength(len(b))
	return string(m.Bytes())
}

func TestEscapeTable(t *testing.T) {
	for _, tc := range []struct{ raw, esc string }{
		{"plain", "plain"},
		{"a&b", "a&ab"},
		{"a|b", "a&bb"},
		{"1,2", "1&c2"},
		{"x;y", "x&dy"},
		{"&|,;", "&a&b&c&d"},
		{"&b", "&ab"}, // an escape-looking value survives
		{"", ""},
	} {
		if got := Escape(tc.raw); got != tc.esc {
			t.Errorf("Escape(%q) = %q, want %q", tc.raw, got, tc.esc)
		}
		if got := Unescape(tc.esc); got != tc.raw {
			t.Errorf("Unescape(%q) = %q, want %q", tc.esc, got, tc.raw)
		}
	}
	// GEMS 1.1's &s for ';' is read too; an unknown escape and a trailing
	// '&' are kept as they are.
	for in, want := range map[string]string{"a&sb": "a;b", "a&zb": "a&zb", "end&": "end&"} {
		if got := Unescape(in); got != want {
			t.Errorf("Unescape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseParamTable(t *testing.T) {
	for _, tc := range []struct {
		field string
		want  Param
		ok    bool
		err   string
	}{
		{"Voltage:double=3.5", Param{Name: "Voltage", Type: "double", Values: []string{"3.5"}}, true, ""},
		{"Enabled:bool=true", Param{Name: "Enabled", Type: "bool", Values: []string{"true"}}, true, ""},
		{"Mode:string=a&bb&cc", Param{Name: "Mode", Type: "string", Values: []string{"a|b,c"}}, true, ""},
		{"Na&dme:int=1", Param{Name: "Na;me", Type: "int", Values: []string{"1"}}, true, ""},
		{"Reg:hex_value=FF/8", Param{Name: "Reg", Type: "hex_value", Values: []string{"FF/8"}}, true, ""},
		{"T:utime=2014-258T22:10:35.280000000Z", Param{Name: "T", Type: "utime", Values: []string{"2014-258T22:10:35.280000000Z"}}, true, ""},
		{"Arr:int[3]=1,2,3", Param{Name: "Arr", Type: "int", Array: true, Values: []string{"1", "2", "3"}}, true, ""},
		{"S:string[2]=x&cy,z", Param{Name: "S", Type: "string", Array: true, Values: []string{"x,y", "z"}}, true, ""},
		{"Empty:int[0]=", Param{Name: "Empty", Type: "int", Array: true}, true, ""},
		{"Set:set_type[2]=a:int=1;b:string=x;,a:int=2;b:string=y&d;",
			Param{Name: "Set", Type: "set_type", Array: true, Sets: [][]Param{
				{{Name: "a", Type: "int", Values: []string{"1"}}, {Name: "b", Type: "string", Values: []string{"x"}}},
				{{Name: "a", Type: "int", Values: []string{"2"}}, {Name: "b", Type: "string", Values: []string{"y;"}}},
			}}, true, ""},
		{"Voltage", Param{}, false, ""},
		{"3", Param{}, false, ""},
		{"SUCCESS", Param{}, false, ""},
		{"Arr:int[3]=1,2", Param{}, true, "parameter Arr: 2 elements, its type says 3"},
		{"Arr:int[x]=1", Param{}, true, `parameter Arr: array count "x" is not a number`},
		{"Arr:int[2=1,2", Param{}, true, `parameter Arr: array type "int[2" has no closing ']'`},
		{"Set:set_type[1]=a=1;", Param{}, true, `parameter Set: set member "a=1" is not name:type=value`},
	} {
		got, ok, err := ParseParam(tc.field)
		if ok != tc.ok || fmt.Sprint(err) != map[bool]string{true: tc.err, false: "<nil>"}[tc.err != ""] {
			t.Errorf("ParseParam(%q) ok=%v err=%v, want ok=%v err=%q", tc.field, ok, err, tc.ok, tc.err)
			continue
		}
		if tc.err == "" && tc.ok {
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ParseParam(%q) = %+v, want %+v", tc.field, got, tc.want)
			}
			if f := got.Field(); f != tc.field {
				t.Errorf("Field() = %q, want %q (round trip)", f, tc.field)
			}
		}
	}
}

func TestParseMessageAndLength(t *testing.T) {
	good := msg("14", "7", "", "1410819035.280000000", "System/Device1", "GET-R", "SUCCESS", "", "1", "Voltage:double=3.5")
	m, err := Parse([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if m.Type != "GET-R" || !m.IsResponse() || m.Target != "System/Device1" || m.TransactionID != "7" || len(m.Fields) != 4 {
		t.Fatalf("parsed %+v", m)
	}
	if err := CheckLength([]byte(good)); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ in, err string }{
		{"|GEMS|14|0000000999|1||0|S|PING|END", "GEMS length field says 999 bytes, the message is 35"},
		{"|GEMS|14|99|1||0|S|PING|END", `GEMS length field "99" is not 10 digits`},
		{"|GEMS|14|00000000x9|1||0|S|PING|END", `GEMS length field "00000000x9" is not a decimal number`},
		{"|GEMS|14|0000000035|1|S|PING|END", "a GEMS message has 7 header fields (version, length, transaction id, token, timestamp, target, type); this one has 5"},
		{"GEMS|14|END", `a GEMS message starts with "|GEMS|"`},
		{"|GEMS|14|0000000035|1||0|S|PING", `a GEMS message ends with "|END"`},
	} {
		if err := CheckLength([]byte(tc.in)); fmt.Sprint(err) != tc.err {
			t.Errorf("CheckLength(%q) = %v, want %s", tc.in, err, tc.err)
		}
	}
}

type collected struct {
	pkts    []string
	reports []string
}

func deframe(t *testing.T, stream string, chunk int) collected {
	t.Helper()
	p, err := New(0)
	if err != nil {
		t.Fatal(err)
	}
	var c collected
	d := frame.NewDeframer(p, frame.Options{Report: func(m string) { c.reports = append(c.reports, m) }})
	emit := func(_ record.Meta, pkt []byte) error { c.pkts = append(c.pkts, string(pkt)); return nil }
	for i := 0; i < len(stream); i += chunk {
		j := min(i+chunk, len(stream))
		if err := d.Feed([]byte(stream[i:j]), nil, emit); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Close(); err != nil {
		c.reports = append(c.reports, "close: "+err.Error())
	}
	return c
}

func TestReadExchanges(t *testing.T) {
	// The PING, CON, GET and SET exchanges, with escapes in names and
	// values, garbage between messages and one bad length.
	ping := msg("14", "1", "", "1410819035.280000000", "System/Device1", "PING")
	pingR := msg("14", "1", "", "1410819035.290000000", "System/Device1", "PING-R", "SUCCESS", "")
	con := msg("14", "2", "tok", "1410819036.000000000", "System/Device1", "CON")
	conR := msg("14", "2", "tok", "1410819036.100000000", "System/Device1", "CON-R", "SUCCESS", "connected&c ok")
	get := msg("14", "3", "tok", "1410819037.000000000", "System/Device1", "GET", "2", "Volt&bage", "Mode")
	getR := msg("14", "3", "tok", "1410819037.100000000", "System/Device1", "GET-R", "SUCCESS", "", "2", "Volt&bage:double=3.5", "Mode:string=a&db")
	set := msg("14", "4", "tok", "1410819038.000000000", "System/Device1", "SET", "1", "Arr:int[3]=1,2,3")
	bad := strings.Replace(msg("14", "5", "", "0", "S", "PING"), "|0000000", "|0000009", 1)
	setR := msg("14", "4", "tok", "1410819038.100000000", "System/Device1", "SET-R", "INVALID_TARGET", "no such device")
	stream := "\x00\xffjunk" + ping + pingR + "\r\n" + con + conR + get + getR + set + bad + setR
	for _, chunk := range []int{1, 7, 64, len(stream)} {
		c := deframe(t, stream, chunk)
		want := []string{ping, pingR, con, conR, get, getR, set, setR}
		if !reflect.DeepEqual(c.pkts, want) {
			t.Fatalf("chunk %d: packets\n%q\nwant\n%q", chunk, c.pkts, want)
		}
		if len(c.reports) != 3 || !strings.Contains(c.reports[2], "GEMS length field says 9035 bytes, the message is 35 at stream offset 610; resyncing") {
			t.Fatalf("chunk %d: reports %q", chunk, c.reports)
		}
	}
}

func TestFrameFills(t *testing.T) {
	p, _ := New(0)
	p.Now = func() time.Time { return time.Unix(1410819035, 280000000) }
	var out []string
	for _, in := range []string{
		"|GEMS||||||System/Device1|PING",                             // everything to fill, no |END
		"|GEMS|13||42|tok||System/Device1|SET|1|Volt:double=3.5|END", // version and id kept
		"|GEMS|14|0000000001||tok|1.5|System/Device1|GET|1|Volt|END", // a wrong length is replaced
	} {
		parts, err := p.Frame(nil, []byte(in))
		if err != nil {
			t.Fatal(err)
		}
		b := bytes.Join(parts, nil)
		if err := CheckLength(b); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		out = append(out, string(b))
	}
	want := []string{
		"|GEMS|14|0000000067|1||1410819035.280000000|System/Device1|PING|END",
		"|GEMS|13|0000000088|42|tok|1410819035.280000000|System/Device1|SET|1|Volt:double=3.5|END",
		"|GEMS|14|0000000059|2|tok|1.5|System/Device1|GET|1|Volt|END",
	}
	if !reflect.DeepEqual(out, want) {
		t.Fatalf("framed\n%q\nwant\n%q", out, want)
	}
	for in, wantErr := range map[string]string{
		"PING":                        `not a GEMS message: a GEMS message starts with "|GEMS|"`,
		"|GEMS|14||||S|SET|a|END|END": `GEMS message contains "|END" before its end (escape '|' as &b)`,
	} {
		if _, err := p.Frame(nil, []byte(in)); fmt.Sprint(err) != wantErr {
			t.Errorf("Frame(%q) = %v, want %s", in, err, wantErr)
		}
	}
}
