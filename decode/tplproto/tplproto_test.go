package tplproto

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/decode/engine"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/testutil/testtargets"
)

func command(t *testing.T, set *def.Set, name string, given ...engine.Given) (record.Meta, []byte) {
	t.Helper()
	pkt := set.Packet("TEMPLATED", name, def.Command)
	b, err := engine.NewEncoder(engine.EncodeOptions{Set: set}).Encode(nil, pkt, given)
	if err != nil {
		t.Fatal(err)
	}
	return record.Meta{record.KeyTarget: "TEMPLATED", record.KeyPacket: name}, b
}

func TestCommandText(t *testing.T) {
	set := testtargets.Load(t, "TEMPLATED")
	p := New(set)
	for _, tc := range []struct {
		name          string
		given         []engine.Given
		text, respond string
	}{
		{"SET_VOLTAGE", []engine.Given{{Name: "VOLTAGE", Value: engine.FloatVal(5.5)}, {Name: "CHANNEL", Value: engine.IntVal(2)}}, "SOUR:VOLT 5.5, (@2)", "<nil>"},
		{"GET_VOLTAGE", []engine.Given{{Name: "CHANNEL", Value: engine.IntVal(3)}}, "MEAS:VOLT? (@3)", "TEMPLATED READ_VOLTAGE"},
		{"GET_ALL", nil, "MEAS:VOLT? (@1:2)", "TEMPLATED READ_ALL"},
		{"OUTPUT", []engine.Given{{Name: "STATE", Value: engine.NameVal("ON")}}, "OUTP 1", "<nil>"}, // raw value, as COSMOS reads it
	} {
		meta, data := command(t, set, tc.name, tc.given...)
		text, out, err := p.Command(meta, data)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if string(text) != tc.text || fmt.Sprint(out.Extra()[ExtraResponse]) != tc.respond {
			t.Errorf("%s: %q, RESPONSE %v; want %q, %s", tc.name, text, out.Extra()[ExtraResponse], tc.text, tc.respond)
		}
		if meta.Extra() != nil {
			t.Errorf("%s: the input meta was changed", tc.name)
		}
	}
}

func TestResponsePacket(t *testing.T) {
	set := testtargets.Load(t, "TEMPLATED")
	p := New(set)
	meta := func(pkt, tpl string) record.Meta {
		return record.Meta{record.KeyTarget: "TEMPLATED", record.KeyPacket: pkt, record.KeyExtra: map[string]any{ExtraRspTemplate: tpl}}
	}
	b, ok, err := p.Response(meta("READ_ALL", "<MEAS_VOLTAGE_1>,<MEAS_VOLTAGE_2>"), []byte("1.25,-3.5"))
	if err != nil || !ok || len(b) != 8 {
		t.Fatalf("READ_ALL: %x %v %v", b, ok, err)
	}
	if v1, v2 := math.Float32frombits(be32(b)), math.Float32frombits(be32(b[4:])); v1 != 1.25 || v2 != -3.5 {
		t.Fatalf("values %v %v", v1, v2)
	}
	if _, ok, err := p.Response(record.Meta{}, []byte("unsolicited")); ok || err != nil {
		t.Fatalf("a record without RSP_TEMPLATE must pass: ok=%v err=%v", ok, err)
	}
	for _, tc := range []struct {
		meta      record.Meta
		line, err string
	}{
		{meta("READ_VOLTAGE", "<VOLTAGE>"), "abc", `TEMPLATED READ_VOLTAGE from response "abc"`},
		{meta("READ_VOLTAGE", "V=<VOLTAGE>"), "1.5", `does not match RSP_TEMPLATE "V=<VOLTAGE>"`},
		{meta("NOPE", "<VOLTAGE>"), "1.5", "no telemetry packet TEMPLATED NOPE in the definitions"},
		{meta("READ_VOLTAGE", "<OTHER>"), "1.5", `RSP_TEMPLATE "<OTHER>" names no item of TEMPLATED READ_VOLTAGE`},
	} {
		_, _, err := p.Response(tc.meta, []byte(tc.line))
		if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%q: error %v, want %q", tc.line, err, tc.err)
		}
	}
}

func be32(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}
