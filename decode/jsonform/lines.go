package jsonform

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// ReadLines hands every non-blank line of r to fn, trimmed of surrounding
// white space, with its 1-based line number (blank lines count). The line
// aliases ReadLines's buffer: it is valid only during fn. A line longer
// than MaxLineLen stops the read with a *LineError naming it; fn's error
// and r's error (other than io.EOF) stop it too and are returned unchanged.
// A last line without a newline is still handed over.
func ReadLines(r io.Reader, fn func(lineNo int, line []byte) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	lineNo := 0
	var long []byte // a line longer than br's buffer, collected in pieces
	for {
		chunk, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			long = append(long, chunk...)
			if len(long) > MaxLineLen {
				return &LineError{lineNo + 1, fmt.Errorf("line longer than %d bytes", MaxLineLen)}
			}
			continue
		}
		line := chunk
		if long != nil {
			long = append(long, chunk...)
			line = long
		}
		if len(line) > 0 {
			lineNo++
			if t := bytes.TrimSpace(line); len(t) > 0 {
				if e := fn(lineNo, t); e != nil {
					return e
				}
			}
		}
		long = nil // the long line's buffer is not kept for the lines after it
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
