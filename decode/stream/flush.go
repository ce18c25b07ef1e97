package stream

// Flusher is the Flush a record.FlushBefore under c3decode's reader calls
// before the reader blocks. Sequentially it flushes the output; in a
// parallel decode the writer runs elsewhere, so it hands the records read
// so far to the workers, and the writer flushes once it has nothing more
// to write.
type Flusher struct{ fn func() error }

// Flush runs whatever Decode set (nothing before Decode starts).
func (f *Flusher) Flush() error {
	if f == nil || f.fn == nil {
		return nil
	}
	return f.fn()
}

func (f *Flusher) set(fn func() error) {
	if f != nil {
		f.fn = fn
	}
}
