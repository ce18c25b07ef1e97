package template_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/c3kit/c3kit/decode/accessor/internal/keyedtest"
	_ "github.com/c3kit/c3kit/decode/accessor/template"
	"github.com/c3kit/c3kit/decode/keyed"
)

func codec(t testing.TB, tmpl string, args ...string) keyed.Codec {
	return keyedtest.Codec(t, "TemplateAccessor", args, []byte(tmpl))
}

// write fills a template as a command does and returns the text.
func write(t *testing.T, c keyed.Codec, vals [][2]any) (string, error) {
	t.Helper()
	tmpl, err := c.Template()
	if err != nil {
		t.Fatal(err)
	}
	d, err := c.Parse(tmpl, nil)
	if err != nil {
		t.Fatalf("the template does not match itself: %v", err)
	}
	for _, kv := range vals {
		if err := d.Set(keyedtest.Compile(t, c, "", kv[0].(string)), kv[1]); err != nil {
			return "", err
		}
	}
	out, err := d.Bytes(nil)
	return string(out), err
}

func TestWrite(t *testing.T) {
	for _, tc := range []struct {
		name, tmpl string
		args       []string
		vals       [][2]any
		want       string
	}{
		{"docs RESET: no parameters, sent as is", "*RST", nil, nil, "*RST"},
		{"docs VOLTAGE", "VOLT <VOLTAGE>, (@<CHANNEL>)", nil, [][2]any{{"VOLTAGE", json.Number("5.0")}, {"CHANNEL", json.Number("1")}}, "VOLT 5.0, (@1)"},
		{"SCPI with a colon command", "SOUR:VOLT <VOLTAGE>, (@<CHANNEL>)", nil, [][2]any{{"VOLTAGE", json.Number("12.5")}, {"CHANNEL", json.Number("2")}}, "SOUR:VOLT 12.5, (@2)"},
		{"every occurrence replaced", "<A>:<A>:<B>", nil, [][2]any{{"A", "x"}, {"B", "y"}}, "x:x:y"},
		{"value text as Ruby to_s", "<S>|<T>|<N>|<L>", nil, [][2]any{{"S", "two words"}, {"T", true}, {"N", nil}, {"L", []any{json.Number("1"), "a"}}}, `two words|true||[1, "a"]`},
		{"regex specials in the text stay literal", `MEAS:VOLT? (@<CH>) $^.*+[x]\d`, nil, [][2]any{{"CH", json.Number("3")}}, `MEAS:VOLT? (@3) $^.*+[x]\d`},
		{"paren delimiters", "VOLT (VOLTAGE), (@(CHANNEL))", []string{"(", ")"}, [][2]any{{"VOLTAGE", json.Number("1.5")}, {"CHANNEL", json.Number("1")}}, "VOLT 1.5, (@1)"},
		{"multi-character delimiters", "SET {{A}} {B}", []string{"{{", "}}"}, [][2]any{{"A", json.Number("7")}}, "SET 7 {B}"},
		{"left delimiter only", "SET [A>", []string{"["}, [][2]any{{"A", json.Number("7")}}, "SET 7"},
		{"later value may hold an earlier placeholder (successive gsub!)", "<A> <B>", nil, [][2]any{{"A", "<B>"}, {"B", "b"}}, "b b"},
	} {
		got, err := write(t, codec(t, tc.tmpl, tc.args...), tc.vals)
		if err != nil || got != tc.want {
			t.Errorf("%s: got %q, %v; want %q", tc.name, got, err, tc.want)
		}
	}
}

func TestWriteMissingPlaceholder(t *testing.T) {
	c := codec(t, "VOLT <VOLTAGE>")
	_, err := write(t, c, [][2]any{{"CURRENT", json.Number("1")}})
	if !errors.Is(err, keyed.ErrNotFound) || !strings.Contains(err.Error(), "key CURRENT not found in template") {
		t.Errorf("error = %v", err)
	}
	// A placeholder is used up by its first write (COSMOS writes each once).
	_, err = write(t, c, [][2]any{{"VOLTAGE", json.Number("1")}, {"VOLTAGE", json.Number("2")}})
	if !errors.Is(err, keyed.ErrNotFound) {
		t.Errorf("second write of one placeholder: %v", err)
	}
}

func TestRead(t *testing.T) {
	for _, tc := range []struct {
		name, tmpl string
		args       []string
		resp       string
		want       map[string]string
	}{
		{"docs STATUS", "<MEAS_VOLTAGE_1>,<MEAS_VOLTAGE_2>", nil, "1.234,2.345", map[string]string{"MEAS_VOLTAGE_1": "1.234", "MEAS_VOLTAGE_2": "2.345"}},
		{"groups are greedy, as in COSMOS", "<A>,<B>", nil, "1,2,3", map[string]string{"A": "1,2", "B": "3"}},
		{"text before the match is ignored", "VOLT <V>", nil, "junk VOLT 5", map[string]string{"V": "5"}},
		{"a group stops at a newline", "<A>,<B>", nil, "1.2,3.4\nnext", map[string]string{"A": "1.2", "B": "3.4"}},
		{"carriage return stays in the value", "<A>", nil, "5\r", map[string]string{"A": "5\r"}},
		{"multi-line template", "<A>\n<B>", nil, "1\n2", map[string]string{"A": "1", "B": "2"}},
		{"regex specials literal", "MEAS:VOLT? (@<CH>) [<X>]*", nil, "MEAS:VOLT? (@3) [y]*", map[string]string{"CH": "3", "X": "y"}},
		{"paren delimiters", "(V),(I)", []string{"(", ")"}, "1.5,0.2", map[string]string{"V": "1.5", "I": "0.2"}},
		{"duplicate placeholder reads its first group", "<A>:<A>", nil, "1:2", map[string]string{"A": "1"}},
		{"empty values", "<A>,<B>", nil, ",", map[string]string{"A": "", "B": ""}},
		{"template with no placeholders", "*IDN?", nil, "*IDN?", map[string]string{}},
	} {
		c := codec(t, tc.tmpl, tc.args...)
		d, err := c.Parse([]byte(tc.resp), nil)
		if err != nil {
			t.Errorf("%s: Parse: %v", tc.name, err)
			continue
		}
		for k, want := range tc.want {
			got, err := d.Get(keyedtest.Compile(t, c, "", k))
			if err != nil || got != want {
				t.Errorf("%s: %s = %#v, %v; want %q", tc.name, k, got, err, want)
			}
		}
	}
}

func TestReadErrors(t *testing.T) {
	c := codec(t, "VOLT <V>,<I>")
	_, err := c.Parse([]byte("CURR 5"), nil)
	if err == nil || !strings.Contains(err.Error(), `response "CURR 5" does not match TEMPLATE "VOLT <V>,<I>" (found 0 of 2 items)`) {
		t.Errorf("mismatch error = %v", err)
	}
	long := strings.Repeat("x", 500)
	_, err = c.Parse([]byte(long), nil)
	if err == nil || len(err.Error()) > 250 {
		t.Errorf("long response error quotes too much: %d bytes", len(err.Error()))
	}
	d, err := c.Parse([]byte("VOLT 1,2"), nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = d.Get(keyedtest.Compile(t, c, "", "POWER"))
	if !errors.Is(err, keyed.ErrNotFound) || !strings.Contains(err.Error(), "no placeholder <POWER>") {
		t.Errorf("unknown key error = %v", err)
	}
}

func TestFactory(t *testing.T) {
	for _, tc := range []struct {
		args []string
		tmpl []byte
		want string
	}{
		{nil, nil, "needs a TEMPLATE"},
		{[]string{"<", ">", "x"}, []byte("a"), "at most two arguments"},
		{[]string{""}, []byte("a"), "must not be empty"},
		{nil, []byte("\xff<A>"), "UTF-8"},
	} {
		_, err := keyed.Lookup("template_accessor.rb", tc.args, tc.tmpl)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Lookup(%q, %q) = %v, want %q", tc.args, tc.tmpl, err, tc.want)
		}
	}
	if _, err := keyed.Lookup("openc3/accessors/template_accessor.py", []string{"(", ")"}, []byte("(A)")); err != nil {
		t.Error(err)
	}
}

func TestRoundTrip(t *testing.T) {
	c := codec(t, "SOUR:VOLT <VOLTAGE>, (@<CHANNEL>)")
	tmpl, _ := c.Template()
	out, _ := keyedtest.RoundTrip(t, c, tmpl, []keyedtest.Write{
		{Key: "VOLTAGE", Val: json.Number("3.3"), Want: "3.3"},
		{Key: "CHANNEL", Val: json.Number("2"), Want: "2"},
	})
	if string(out) != "SOUR:VOLT 3.3, (@2)" {
		t.Errorf("wrote %q", out)
	}
}

// FuzzTemplate: any template compiles or is refused with an error, always
// matches itself (so commands can be written into it), and any response
// parses or is refused without a panic.
func FuzzTemplate(f *testing.F) {
	f.Add("<MEAS_VOLTAGE_1>,<MEAS_VOLTAGE_2>", "<", ">", []byte("1.234,2.345"))
	f.Add("VOLT (V), (@(C))", "(", ")", []byte("VOLT 1, (@2)"))
	f.Add("<<A>>[<B>]$", "<", ">", []byte("<<1>[2]$"))
	f.Add("{{A}}\n{{B}}", "{{", "}}", []byte("x\ny"))
	f.Fuzz(func(t *testing.T, tmpl, left, right string, resp []byte) {
		if len(tmpl) > 4096 || len(resp) > keyedtest.MaxFuzzInput {
			return
		}
		c, err := keyed.Lookup("TemplateAccessor", []string{left, right}, []byte(tmpl))
		if err != nil {
			return
		}
		if _, err := c.Parse([]byte(tmpl), nil); err != nil {
			t.Fatalf("template %q does not match itself: %v", tmpl, err)
		}
		keys := []string{"A", "B", "V", "MEAS_VOLTAGE_1"}
		// A response is only read: COSMOS writes by replacing placeholder
		// text in the buffer, and a response whose data happens to look
		// like a placeholder ("<A<" against the template "A") need not
		// match the template once rewritten. Writes start from the
		// TEMPLATE, as every command does, and must parse again; that holds
		// when the delimiters are two different characters (a placeholder's
		// text then only occurs where the scan found a placeholder). With
		// one character on both sides, or delimiters that overlap
		// themselves ("00A0" with 0 and 0), COSMOS's gsub rewrites text the
		// scan took as literal, as ours does; those only read. So do keys
		// that hold a delimiter: with < and A, key A's text "<AA" spans the
		// placeholder "<A" and the literal "A" after it.
		if d, err := c.Parse(resp, nil); err == nil {
			for _, k := range keys {
				if _, err := d.Get(keyedtest.Compile(t, c, "", k)); err != nil && err.Error() == "" {
					t.Fatal("empty error message")
				}
			}
		} else if err.Error() == "" {
			t.Fatal("empty error message")
		}
		if utf8.RuneCountInString(left) == 1 && utf8.RuneCountInString(right) == 1 && left != right &&
			!keysHoldDelimiter(keys, left, right) {
			keyedtest.FuzzBody(t, c, []byte(tmpl), nil, keys, func(string) bool { return false })
		}
	})
}

// keysHoldDelimiter reports whether a key's text contains either delimiter,
// so that its placeholder text can run past the end of a scanned one.
func keysHoldDelimiter(keys []string, left, right string) bool {
	for _, k := range keys {
		if strings.Contains(k, left) || strings.Contains(k, right) {
			return true
		}
	}
	return false
}
