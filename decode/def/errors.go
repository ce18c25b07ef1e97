package def

import "fmt"

// Error is a definition error. Every error Load returns is an *Error naming
// the file, the line and the keyword (or ERB construct) at fault.
type Error struct {
	File    string
	Line    int
	Keyword string // the keyword, or "ERB" for template errors; "" for file-level errors
	Msg     string
}

func (e *Error) Error() string {
	switch {
	case e.Keyword != "" && e.Line > 0:
		return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, e.Keyword, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	case e.File != "":
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return e.Msg
}

func errorf(file string, line int, keyword, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Keyword: keyword, Msg: fmt.Sprintf(format, args...)}
}
