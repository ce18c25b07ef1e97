package jsonform

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/c3kit/c3kit/frame/record"
)

// LineCap is the longest input line a stage with record cap recordCap
// reads: a record at the cap is twice that in hex, plus its envelope.
func LineCap(recordCap int) int {
	if recordCap <= 0 {
		recordCap = record.DefaultMaxLen
	}
	return 2*recordCap + 4096
}

// MaxLineLen is LineCap of the default record cap.
var MaxLineLen = LineCap(record.DefaultMaxLen)

// Lines reads an input of lines for c3encode. A line longer than Max is
// not collected: its bytes are read past to its newline, so memory stays
// within Max however long the line, and TooLong is told its number.
type Lines struct {
	Max int // longest line handed over (MaxLineLen when 0)
	// TooLong receives a *LineError for each line longer than Max; nil
	// goes on with the next line, an error stops the read. When TooLong is
	// nil the error stops the read.
	TooLong func(*LineError) error
}

// ReadLines is Lines{}.Read: a line longer than MaxLineLen stops the read.
func ReadLines(r io.Reader, fn func(lineNo int, line []byte) error) error {
	return Lines{}.Read(r, fn)
}

// Read hands every non-blank line of r to fn, trimmed of surrounding white
// space, with its 1-based line number (blank lines count). The line aliases
// Read's buffer: it is valid only during fn. fn's error and r's error
// (other than io.EOF) stop the read and are returned unchanged. A last line
// without a newline is still handed over.
func (ls Lines) Read(r io.Reader, fn func(lineNo int, line []byte) error) error {
	max := ls.Max
	if max <= 0 {
		max = MaxLineLen
	}
	br := bufio.NewReaderSize(r, 64<<10)
	lineNo := 0
	var long pieces  // a line longer than br's buffer, collected in pieces
	var skipped bool // the line passed max: read past, not kept
	for {
		chunk, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			if !skipped && long.n+len(chunk) <= max {
				long.add(chunk)
			} else {
				skipped = true
				long = pieces{} // freed now, not when the line ends
			}
			continue
		}
		if skipped {
			lineNo++
			skipped = false
			if ls.TooLong == nil {
				return tooLong(lineNo, max)
			}
			if e := ls.TooLong(tooLong(lineNo, max)); e != nil {
				return e
			}
		} else if e := ls.hand(&lineNo, long.join(chunk), max, fn); e != nil {
			return e
		}
		long = pieces{} // the long line's buffer is not kept for the lines after it
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// hand passes one complete line to fn.
func (ls Lines) hand(lineNo *int, line []byte, max int, fn func(int, []byte) error) error {
	if len(line) == 0 {
		return nil
	}
	*lineNo++
	if len(line) > max+1 { // the newline does not count
		if ls.TooLong == nil {
			return tooLong(*lineNo, max)
		}
		return ls.TooLong(tooLong(*lineNo, max))
	}
	if t := bytes.TrimSpace(line); len(t) > 0 {
		return fn(*lineNo, t)
	}
	return nil
}

// pieces collects a long line as copies of the reader's buffer: growing
// one slice would copy the line again at every growth and, at the last
// one, hold about three times the line.
type pieces struct {
	list [][]byte
	n    int
}

func (p *pieces) add(b []byte) {
	p.list = append(p.list, append([]byte(nil), b...))
	p.n += len(b)
}

// join returns the collected pieces followed by last, in one slice (last
// itself when nothing was collected).
func (p *pieces) join(last []byte) []byte {
	if p.n == 0 {
		return last
	}
	line := make([]byte, 0, p.n+len(last))
	for i, b := range p.list {
		line = append(line, b...)
		p.list[i] = nil
	}
	return append(line, last...)
}

func tooLong(lineNo, max int) *LineError {
	return &LineError{lineNo, fmt.Errorf("longer than %d bytes (a %d-byte record in hex, the record cap); skipped to its end", max, (max-4096)/2)}
}
