package frame

// Offset is the stream offset of the first byte not yet consumed. During a
// Split call it is the offset of buf[0], which lets a protocol that reports
// on its own (CCSDS frame counts, CLTU corrections) name where it was.
func (d *Deframer) Offset() int64 { return d.off }
