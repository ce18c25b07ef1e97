package record

import "io"

// Each reads every record from r and hands it to fn, until the clean end
// of r (nil), r's error or fn's error, which it returns unchanged. The
// record is only valid during fn (Data aliases r's buffer). Flushing a
// Writer is left to the caller, who knows when output must reach the next
// stage.
func Each(r *Reader, fn func(*Record) error) error {
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
}
