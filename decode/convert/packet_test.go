package convert

import (
	"fmt"
	"time"
)

// testPacket is a Packet over fixed item values.
type testPacket struct {
	raw, conv map[string]any
	rcv, pkt  time.Time
	hasTimes  bool
	count     uint64
	objects   map[string]map[string]any // "CMD INST COLLECT" -> items
}

func (p *testPacket) ReadItem(name string, mode Mode) (any, error) {
	m := p.conv
	if mode == Raw {
		m = p.raw
	}
	v, ok := m[name]
	if !ok {
		if v, ok = p.raw[name]; !ok {
			return nil, fmt.Errorf("item %s does not exist", name)
		}
	}
	return v, nil
}

func (p *testPacket) ReceivedTime() (time.Time, bool) { return p.rcv, p.hasTimes }
func (p *testPacket) PacketTime() (time.Time, bool)   { return p.pkt, p.hasTimes }
func (p *testPacket) ReceivedCount() uint64           { return p.count }
func (p *testPacket) Buffer() []byte                  { return []byte{1, 2, 3} }

func (p *testPacket) ReadObject(kind, target, name string, data []byte) (map[string]any, error) {
	items, ok := p.objects[kind+" "+target+" "+name]
	if !ok {
		return nil, fmt.Errorf("no packet %s %s %s", kind, target, name)
	}
	out := map[string]any{"LEN": int64(len(data))}
	for k, v := range items {
		out[k] = v
	}
	return out, nil
}

func (p *testPacket) WriteObject(kind, target, name string, values map[string]any) ([]byte, error) {
	if _, ok := p.objects[kind+" "+target+" "+name]; !ok {
		return nil, fmt.Errorf("no packet %s %s %s", kind, target, name)
	}
	return []byte(fmt.Sprint(values["A"])), nil
}

func newTestPacket() *testPacket {
	return &testPacket{
		raw: map[string]any{
			"TEMP1": int64(1000), "TEMP2": int64(2000), "TEMP3": int64(3000), "TEMP4": int64(4000),
			"TIMESEC": uint64(1700000000), "TIMEUS": uint64(123456), "CCSDSDAY": uint64(24000),
			"CCSDSMSOD": uint64(3723004), "CCSDSUSOMS": uint64(5), "MODE": uint64(1), "NAME": "abc",
			"NEG": int64(-7), "BIG": uint64(1 << 63), "FSEC": 1700000000.5,
		},
		conv: map[string]any{
			"TEMP1": 10.5, "TEMP2": 20.5, "TEMP3": 30.5, "TEMP4": 40.5, "MODE": "DIAG",
		},
		rcv:      time.Date(2026, 11, 21, 8, 41, 41, 152144999, time.UTC),
		pkt:      time.Date(2020, 1, 2, 3, 4, 5, 678900000, time.UTC),
		hasTimes: true,
		count:    42,
		objects:  map[string]map[string]any{"CMD INST COLLECT": {"TYPE": "NORMAL", "DURATION": 1.0}},
	}
}
