package stream

import (
	"fmt"
	"strings"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/internal/editdist"
	"github.com/c3kit/c3kit/internal/quote"
)

// CheckPacketNames refuses --packet names that match no packet of kind in
// set, naming the nearest defined one: a typo would otherwise filter out
// every record and print nothing.
func CheckPacketNames(set *def.Set, kind def.Kind, names []PacketName) error {
	for _, n := range names {
		t := set.Target(n.Target)
		if t != nil && (n.Packet == "" || set.Packet(n.Target, n.Packet, kind) != nil) {
			continue
		}
		var all []string
		for _, tt := range set.Targets {
			for _, p := range tt.Packets(kind) {
				all = append(all, p.Target+" "+p.Name)
			}
		}
		want := n.Target
		what := "target"
		if n.Packet != "" {
			want += " " + n.Packet
			what = "command"
			if kind == def.Telemetry {
				what = "telemetry packet"
			}
		}
		msg := fmt.Sprintf("no %s %s in the definitions", what, quote.Clip(want))
		if t == nil && n.Packet == "" {
			all = all[:0]
			for _, tt := range set.Targets {
				all = append(all, tt.Name)
			}
		}
		if near := nearest(want, all); near != "" {
			msg += fmt.Sprintf("; did you mean %s?", near)
		} else {
			msg += fmt.Sprintf(" (targets: %s)", targetNames(set))
		}
		return fmt.Errorf("%s", msg)
	}
	return nil
}

// nearest is the candidate closest to s by edit distance (ignoring
// spaces, dots and underscores), if it is close enough to be a typo.
func nearest(s string, candidates []string) string {
	key := func(x string) string {
		return strings.NewReplacer(" ", "", ".", "", "_", "").Replace(strings.ToUpper(x))
	}
	ks := key(s)
	best, bestD := "", max(2, len(ks)/4)+1 // a typo: a quarter of the name at most
	for _, c := range candidates {
		if d := editdist.Distance(ks, key(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}
