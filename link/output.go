package link

import "github.com/c3kit/c3kit/frame/record"

// writeOutput is the one goroutine that writes stdout. It flushes whenever
// no further read is waiting, so each record leaves as soon as it is
// complete while a busy link still writes in large blocks. It returns when
// finish is closed (after every emitter has stopped) and the queue is empty,
// or at the first write error (EPIPE: the downstream reader went away).
func writeOutput(s *Sink, w *record.Writer, finish <-chan struct{}) error {
	write := func(c chunk) error {
		err := w.Write(c.meta, c.data)
		s.Recycle(c.data)
		return err
	}
	for {
		select {
		case c := <-s.ch:
			if err := write(c); err != nil {
				return err
			}
			if len(s.ch) == 0 {
				if err := w.Flush(); err != nil {
					return err
				}
			}
		case <-finish:
			for {
				select {
				case c := <-s.ch:
					if err := write(c); err != nil {
						return err
					}
				default:
					return w.Flush()
				}
			}
		}
	}
}
