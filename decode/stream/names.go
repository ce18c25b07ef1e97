package stream

import (
	"fmt"
	"strings"

	"github.com/c3kit/c3kit/internal/quote"
)

// PacketName names a packet for --packet and --ignore. An empty Packet
// matches every packet of the target.
type PacketName struct{ Target, Packet string }

// ParsePacketName accepts "TARGET PACKET", "TARGET.PACKET", "TARGET,PACKET"
// or "TARGET" alone, case-insensitively.
func ParsePacketName(s string) (PacketName, error) {
	f := strings.FieldsFunc(strings.ToUpper(strings.TrimSpace(s)), func(r rune) bool {
		return r == ' ' || r == '\t' || r == '.' || r == ','
	})
	switch len(f) {
	case 1:
		return PacketName{Target: f[0]}, nil
	case 2:
		return PacketName{Target: f[0], Packet: f[1]}, nil
	}
	return PacketName{}, fmt.Errorf("%s is not TARGET PACKET or TARGET.PACKET", quote.Q(s))
}

func matchAny(names []PacketName, target, packet string) bool {
	for _, n := range names {
		if n.Target == target && (n.Packet == "" || n.Packet == packet) {
			return true
		}
	}
	return false
}
