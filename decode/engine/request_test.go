package engine

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseCommandString(t *testing.T) {
	cases := []struct {
		in   string
		want string // TARGET PACKET then NAME=kind:value ...
	}{
		{"INST ABORT", "INST ABORT"},
		{"inst collect with type NORMAL, duration 5.0", "INST COLLECT TYPE=w:NORMAL DURATION=f:5(5.0)"},
		{"INST COLLECT WITH TYPE 1", "INST COLLECT TYPE=i:1(1)"},
		{"INST ASCIICMD with STRING 'ARM LASER', ASCII \"a, b\"", "INST ASCIICMD STRING=s:ARM LASER ASCII=s:a, b"},
		{"INST ASCIICMD with STRING ARM LASER", "INST ASCIICMD STRING=w:ARM LASER"},
		{`INST X with S 'it\'s', T "q\"q"`, `INST X S=s:it's T=s:q"q`},
		{"INST ARYCMD with ARRAY [1, 0x2, -3], CRC 7", "INST ARYCMD ARRAY=[i:1(1) w:0x2 i:-3(-3)] CRC=i:7(7)"},
		{"INST ARYCMD with ARRAY []", "INST ARYCMD ARRAY=[]"},
		{"INST X with A [['a', 1], [2]]", "INST X A=[[s:a i:1(1)] [i:2(2)]]"},
		{"INST WITHDRAW with A 1", "INST WITHDRAW A=i:1(1)"},
	}
	for _, c := range cases {
		r, err := ParseCommandString(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		got := r.Target + " " + r.Packet
		for _, g := range r.Values {
			got += " " + g.Name + "=" + describe(g.Value)
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%q: %s", c.in, diff)
		}
	}
	for _, bad := range []string{"", "INST", "INST COLLECT with", "INST COLLECT with TYPE", "INST COLLECT with TYPE 'open", "INST COLLECT with A [1, 2", "INST COLLECT with A 1 B 2, C", "A B C"} {
		if r, err := ParseCommandString(bad); err == nil {
			t.Errorf("%q: no error (%+v)", bad, r)
		}
	}
}

func describe(v Value) string {
	switch v.K {
	case Name:
		return "w:" + v.S
	case Int:
		return fmt.Sprintf("i:%d(%s)", v.I, v.S)
	case Float:
		return fmt.Sprintf("f:%g(%s)", v.F, v.S)
	case String:
		return "s:" + string(v.B)
	case Array:
		var parts []string
		for _, e := range v.A {
			parts = append(parts, describe(e))
		}
		return "[" + strings.Join(parts, " ") + "]"
	}
	return "?"
}

func TestParseJSONRequest(t *testing.T) {
	r, err := ParseRequest([]byte(`{"target":"INST","packet":"COLLECT","time":"2026-11-21T08:41:41.152144Z","stored":true,"extra":{"PEER":"x"},"items":{"TYPE":"SPECIAL","DURATION":1.5,"SIZE":18446744073709551615,"NEG":-1,"ARY":[1,2],"BLK":"dead","HX":{"hex":"00ff"},"GONE":null}}`))
	if err != nil {
		t.Fatal(err)
	}
	if r.Target != "INST" || r.Packet != "COLLECT" || !r.HexBlocks {
		t.Fatalf("%+v", r)
	}
	if _, ok := r.Meta.Time(); !ok || !r.Meta.Stored() || r.Meta.Extra()["PEER"] != "x" {
		t.Errorf("meta %v", r.Meta)
	}
	var names []string
	for _, g := range r.Values {
		names = append(names, g.Name)
	}
	if diff := cmp.Diff([]string{"TYPE", "DURATION", "SIZE", "NEG", "ARY", "BLK", "HX"}, names); diff != "" {
		t.Errorf("order: %s", diff)
	}
	if v := r.Values[2].Value; v.K != Uint || v.U != 1<<64-1 {
		t.Errorf("SIZE %+v", v)
	}
	if v := r.Values[6].Value; v.K != Bytes || string(v.B) != "\x00\xff" {
		t.Errorf("HX %+v", v)
	}
	for _, bad := range []string{`{"packet":"X","items":{}}`, `{"target":"INST","packet":"COLLECT","items":[1]}`, `{nope`} {
		if _, err := ParseRequest([]byte(bad)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}
