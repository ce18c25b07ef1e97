package jsonform

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"github.com/c3kit/c3kit/frame/record"
)

// WriteHex writes each record from r as one --hex JSON line to w. w should
// be flushed by the caller before blocking reads (record.FlushBefore).
// Meta the envelope cannot show is kept under "meta" and told to note: a
// wrong type once per stream, a time before 1970 (a located error: bad is
// set) at every record.
func WriteHex(r *record.Reader, w *bufio.Writer, note func(msg string, bad bool)) (n int64, err error) {
	var line []byte
	told := false
	err = record.Each(r, func(rec *record.Record) error {
		n++
		if len(rec.Meta) > 0 && note != nil {
			if msg, negative := MetaProblem(rec.Meta); msg != "" && (negative || !told) {
				where := fmt.Sprintf("record %d at offset %d: ", n, r.Offset())
				if negative {
					note(where+msg+`; kept under "meta"`, true)
				} else {
					told = true
					note(where+msg+`; kept under "meta" (told once per stream)`, false)
				}
			}
		}
		line = AppendHead(line[:0], rec.Meta)
		line = AppendHex(line, rec.Data)
		_, err := w.Write(line)
		return err
	})
	return n, err
}

// LineError names the input line a bad JSON line came from.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// ReadHex turns --hex JSON lines back into records. A bad line, and a line
// longer than LineCap(recordCap), is passed to onBad, which may return nil
// to skip it and go on, or an error to stop. Blank lines are ignored.
func ReadHex(in io.Reader, w *record.Writer, recordCap int, onBad func(*LineError) error) (n int64, err error) {
	if recordCap <= 0 {
		recordCap = record.DefaultMaxLen
	}
	ls := Lines{Max: LineCap(recordCap), TooLong: onBad}
	err = ls.Read(in, func(lineNo int, t []byte) error {
		wrote, err := handleHexLine(t, lineNo, recordCap, w, onBad)
		if err == nil && wrote {
			n++
		}
		return err
	})
	return n, err
}

func handleHexLine(t []byte, lineNo, recordCap int, w *record.Writer, onBad func(*LineError) error) (bool, error) {
	var l *Line
	var err error
	big := false
	if len(t) >= bigHexLine {
		l, big, err = parseBigHexLine(t)
	}
	if !big {
		l, err = ParseLine(t)
	}
	if err == nil && !l.HasHex {
		err = errors.New(`no "hex" key (c3encode --hex takes c3decode --hex lines)`)
	}
	if err == nil && len(l.Hex) > recordCap {
		err = fmt.Errorf("a record of %d bytes is past the %d-byte record cap (raise it with --max-record)", len(l.Hex), recordCap)
	}
	if err != nil {
		return false, onBad(&LineError{lineNo, err})
	}
	var meta record.Meta
	if len(l.Meta) > 0 {
		meta = l.Meta
	}
	return true, w.Write(meta, l.Hex)
}
