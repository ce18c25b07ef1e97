package fixed

// Scan implements frame.Scanner (issue 7: garbage must cost nothing until
// reported): the bytes at which Split would refuse a packet and resync by
// one (nothing identifies, no defined length, over the cap), found by
// identifying at each position without building a Fault and its message.
// It stops where a packet is identified or fewer than MinIDSize bytes
// remain.
func (f *Fixed) Scan(buf []byte) int {
	d := f.p.Discard
	i := 0
	for ; i+f.p.MinIDSize <= len(buf) && i+d <= len(buf); i++ {
		pkt, ok := f.p.Set.Identify(buf[i+d:], f.kind, f.p.Targets...)
		if ok {
			if n := pkt.DefinedLength + d; n > 0 && n <= f.MaxLen {
				return i
			}
		}
	}
	return i
}
