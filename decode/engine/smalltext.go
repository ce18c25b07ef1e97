package engine

// smallText is text made once and appended to every record's output (an
// item's `"NAME":` key, a state's JSON name). Texts of up to 32 bytes are
// kept inline and copied with one fixed-size move where appending a slice
// would call memmove: forty of them a packet add up.
type smallText struct {
	inline [32]byte
	n      int    // length; <= 32: the text is inline[:n]
	long   []byte // the text when longer
}

func newSmallText(b []byte) smallText {
	t := smallText{n: len(b)}
	if len(b) <= len(t.inline) {
		copy(t.inline[:], b)
	} else {
		t.long = b
	}
	return t
}

// appendTo appends the text to dst.
func (t *smallText) appendTo(dst []byte) []byte {
	if t.n > len(t.inline) {
		return append(dst, t.long...)
	}
	if l := len(dst); cap(dst)-l >= len(t.inline) {
		*(*[32]byte)(dst[l : l+32]) = t.inline
		return dst[:l+t.n]
	}
	return append(dst, t.inline[:t.n]...)
}

// String is the text.
func (t *smallText) String() string {
	if t.n > len(t.inline) {
		return string(t.long)
	}
	return string(t.inline[:t.n])
}
