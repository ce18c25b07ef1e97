// Package template is COSMOS's TemplateAccessor for string command and
// response protocols such as SCPI. The packet's TEMPLATE holds text with
// <NAME> placeholders (the delimiters are the accessor's two optional
// arguments, '<' and '>' by default: ACCESSOR TemplateAccessor ( )).
//
// Writing a command replaces every occurrence of each item's placeholder in
// the template with the value's text ("SOUR:VOLT <VOLTAGE>, (@<CHANNEL>)"
// becomes "SOUR:VOLT 5.0, (@1)"); an item whose placeholder the template
// does not have is an error, as in COSMOS ("Key X not found in template").
//
// Reading a response matches it against the template the way COSMOS does:
// the template's text is taken literally, each placeholder becomes a
// greedy (.*) group that does not cross a newline, and the first match
// anywhere in the response gives each placeholder its text
// ("1.234,2.345" against "<MEAS_VOLTAGE_1>,<MEAS_VOLTAGE_2>"). Text before
// or after the match is ignored. A response that does not match is one
// error for the record; an item whose placeholder the template does not
// have is an error matching keyed.ErrNotFound.
package template

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/c3kit/c3kit/decode/accessor/keytext"
	"github.com/c3kit/c3kit/decode/keyed"
)

func init() { keyed.Register("TemplateAccessor", New) }

// New is the keyed.Factory. args are COSMOS's optional left and right
// placeholder delimiters; template is the packet's TEMPLATE, which this
// accessor cannot work without.
func New(args []string, template []byte) (keyed.Codec, error) {
	left, right := "<", ">"
	switch len(args) {
	case 0:
	case 1:
		left = args[0]
	case 2:
		left, right = args[0], args[1]
	default:
		return nil, fmt.Errorf("TemplateAccessor takes at most two arguments (left and right delimiter), got %d: %s", len(args), strings.Join(args, " "))
	}
	if left == "" || right == "" {
		return nil, fmt.Errorf("TemplateAccessor delimiters must not be empty")
	}
	if template == nil {
		return nil, fmt.Errorf("TemplateAccessor needs a TEMPLATE, TEMPLATE_BASE64 or TEMPLATE_FILE: the text with %sNAME%s placeholders", left, right)
	}
	if !utf8.Valid(template) || !utf8.ValidString(left) || !utf8.ValidString(right) {
		return nil, fmt.Errorf("TemplateAccessor TEMPLATE and delimiters must be UTF-8 text")
	}
	return compileTemplate(left, right, template)
}

type codec struct {
	left, right string
	template    []byte
	keys        []string       // placeholder names, in template order, repeats kept
	first       map[string]int // name -> its first group
	read        *regexp.Regexp // the template as a pattern, one group per placeholder
}

// compileTemplate finds the placeholders as COSMOS's scan for
// left.*?right does (shortest, never across a newline) and builds the read
// pattern from the literal text between them.
func compileTemplate(left, right string, template []byte) (*codec, error) {
	c := &codec{left: left, right: right, template: template, first: map[string]int{}}
	// left and right are valid UTF-8 (New checks), so this compiles.
	find := regexp.MustCompile(regexp.QuoteMeta(left) + `(.*?)` + regexp.QuoteMeta(right))
	var pat strings.Builder
	at := 0
	for _, m := range find.FindAllSubmatchIndex(template, -1) {
		pat.WriteString(regexp.QuoteMeta(string(template[at:m[0]])))
		pat.WriteString(`(.*)`)
		name := string(template[m[2]:m[3]])
		if _, seen := c.first[name]; !seen {
			c.first[name] = len(c.keys)
		}
		c.keys = append(c.keys, name)
		at = m[1]
	}
	pat.WriteString(regexp.QuoteMeta(string(template[at:])))
	re, err := regexp.Compile(pat.String())
	if err != nil {
		return nil, fmt.Errorf("TEMPLATE %s: %v", quote(template), err)
	}
	c.read = re
	return c, nil
}

func (c *codec) Name() string { return "TemplateAccessor" }

// Compile keeps the placeholder name. A name the template lacks is not an
// error here: COSMOS fails only when such an item is read or written, and
// DERIVED items never are.
func (c *codec) Compile(key string) (keyed.Key, error) {
	if key == "" {
		return nil, fmt.Errorf("empty placeholder name")
	}
	return name(key), nil
}

type name string

// Template is the packet's TEMPLATE: commands start from it.
func (c *codec) Template() ([]byte, error) { return append([]byte(nil), c.template...), nil }

func (c *codec) Parse(body []byte, _ map[string]any) (keyed.Doc, error) {
	d := &doc{c: c, buf: append([]byte(nil), body...)}
	if err := d.match(); err != nil {
		return nil, err
	}
	return d, nil
}

type doc struct {
	c      *codec
	buf    []byte
	groups []int // submatch indexes into buf; nil until matched
	dirty  bool  // buf changed by Set since the last match
}

func (d *doc) match() error {
	d.dirty = false
	d.groups = d.c.read.FindSubmatchIndex(d.buf)
	if d.groups == nil {
		return fmt.Errorf("response %s does not match TEMPLATE %s (found 0 of %d items)", quote(d.buf), quote(d.c.template), len(d.c.keys))
	}
	return nil
}

func (d *doc) Get(k keyed.Key) (any, error) {
	n, ok := k.(name)
	if !ok {
		return nil, fmt.Errorf("key %v was not compiled by TemplateAccessor", k)
	}
	i, ok := d.c.first[string(n)]
	if !ok {
		return nil, fmt.Errorf("TEMPLATE %s has no placeholder %s%s%s: %w", quote(d.c.template), d.c.left, n, d.c.right, keyed.ErrNotFound)
	}
	if d.dirty {
		if err := d.match(); err != nil {
			return nil, err
		}
	}
	g := d.groups[2+2*i:]
	return string(d.buf[g[0]:g[1]]), nil
}

// Set replaces every occurrence of the item's placeholder with the value's
// text (Ruby's to_s: 5.0, 1, true, [1, 2]). Earlier Sets have already
// replaced their placeholders, as COSMOS's successive gsub! calls do.
func (d *doc) Set(k keyed.Key, v any) error {
	n, ok := k.(name)
	if !ok {
		return fmt.Errorf("key %v was not compiled by TemplateAccessor", k)
	}
	text, err := keytext.Text(v)
	if err != nil {
		return fmt.Errorf("placeholder %s%s%s: %v", d.c.left, n, d.c.right, err)
	}
	ph := d.c.left + string(n) + d.c.right
	if !strings.Contains(string(d.buf), ph) {
		return fmt.Errorf("key %s not found in template %s: %w", n, quote(d.buf), keyed.ErrNotFound)
	}
	d.buf = []byte(strings.ReplaceAll(string(d.buf), ph, text))
	d.dirty = true
	return nil
}

func (d *doc) Bytes(map[string]any) ([]byte, error) { return d.buf, nil }

// quote shows at most 80 bytes of text in a message.
func quote(b []byte) string {
	if len(b) > 80 {
		return fmt.Sprintf("%q...", b[:80])
	}
	return fmt.Sprintf("%q", b)
}
