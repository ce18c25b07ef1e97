package def

import "strings"

// srcLine is one line of ERB output with the place it came from (a
// partial's lines name the partial).
type srcLine struct {
	text string
	file string
	line int
}

// stmt is one logical definition line: a keyword and its parameters after
// COSMOS's line continuation (&) and string concatenation (+ and \) rules.
type stmt struct {
	keyword string   // upper-cased; "" for blank and comment lines
	params  []string // quotes removed
	quoted  []bool   // whether params[i] was quoted
	raw     string   // the whole (joined, stripped) line
	file    string
	line    int // line of the keyword
}

// joinLines applies COSMOS's continuation rules (ConfigParser#parse_loop)
// and splits every logical line into a keyword and parameters:
//   - lines are stripped and blank lines skipped, even inside a
//     continuation;
//   - a line ending in + or \ is a string concatenation: the last
//     character before it (the closing quote) is dropped, + adds a newline,
//     and the next non-comment line loses its first character (the opening
//     quote);
//   - a line ending in & continues on the next line.
//
// Comment lines come back with an empty keyword so that generic conversion
// bodies can skip them the way COSMOS does.
func joinLines(lines []srcLine) []stmt {
	var out []stmt
	var cur strings.Builder
	var start srcLine
	open := false         // cur holds the start of a continued line
	stringConcat := false // the previous line was a string concatenation
	for _, l := range lines {
		text := strings.TrimSpace(l.text)
		if text == "" {
			continue
		}
		if stringConcat {
			if text[0] == '#' {
				continue
			}
			text = text[1:]
		}
		if !open {
			start = l
			cur.Reset()
			open = true
		}
		if n := len(text); n > 0 {
			switch text[n-1] {
			case '+', '\\':
				trimmed := strings.TrimSpace(text[:n-1])
				if trimmed != "" {
					trimmed = trimmed[:len(trimmed)-1]
				}
				cur.WriteString(trimmed)
				if text[n-1] == '+' {
					cur.WriteByte('\n')
				}
				stringConcat = true
				continue
			case '&':
				cur.WriteString(text[:n-1])
				stringConcat = false
				continue
			}
		}
		cur.WriteString(text)
		stringConcat, open = false, false
		out = append(out, splitStmt(cur.String(), start.file, start.line))
	}
	if open {
		out = append(out, splitStmt(cur.String(), start.file, start.line))
	}
	return out
}

// splitStmt splits a logical line into words: double- or single-quoted
// strings (a backslash escapes the next character inside them and is kept,
// as COSMOS keeps it) or runs of non-space characters. A word starting
// with # ends the line unless it is a #{...} interpolation.
func splitStmt(line, file string, lineNo int) stmt {
	s := stmt{raw: line, file: file, line: lineNo}
	first := true
	for i := 0; i < len(line); {
		c := line[i]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f' {
			i++
			continue
		}
		var word string
		quoted := false
		if c == '"' || c == '\'' {
			if end, ok := closingQuote(line, i); ok {
				word = line[i : end+1]
				quoted = true
				i = end + 1
			}
		}
		if !quoted {
			j := i
			for j < len(line) && !isSpace(line[j]) {
				j++
			}
			word = line[i:j]
			i = j
		}
		if first {
			if word[0] == '#' {
				return s // comment line
			}
			s.keyword = strings.ToUpper(word)
			first = false
			continue
		}
		if word[0] == '#' && (len(word) < 2 || word[1] != '{') {
			break // trailing comment
		}
		if quoted {
			word = word[1 : len(word)-1]
		}
		s.params = append(s.params, word)
		s.quoted = append(s.quoted, quoted)
	}
	return s
}

// closingQuote finds the quote ending the string that starts at line[i].
func closingQuote(line string, i int) (int, bool) {
	q := line[i]
	for j := i + 1; j < len(line); j++ {
		switch line[j] {
		case '\\':
			j++
		case q:
			return j, true
		}
	}
	return 0, false
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'
}
