package ruby

import (
	"fmt"
	"strings"
	"testing"
)

// runERB expands src as file t.txt with the given partials available.
func runERB(t *testing.T, src string, partials map[string]string) (string, []Line, error) {
	t.Helper()
	globals := map[string]any{"target_name": "INST", "count": int64(3), "name": "abc", "flag": true, "off": false, "list": []any{int64(10), int64(20)}}
	partial := func(name string) (*erbFile, error) {
		text, ok := partials[name]
		if !ok {
			return nil, fmt.Errorf("no partial %s", name)
		}
		return parseERB(name, text)
	}
	lines, err := expandERB("t.txt", src, globals, partial)
	var texts []string
	for _, l := range lines {
		texts = append(texts, l.Text)
	}
	return strings.Join(texts, "\n"), lines, err
}

func TestERBConstructs(t *testing.T) {
	partials := map[string]string{
		"_hdr.txt":   "ID <%= apid %> <%= target_name %>\nNAME <%= label %>\n",
		"_outer.txt": "OUTER <%= n %>\n<%= render \"_inner.txt\", locals: {m: n * 2} %>\n",
		"_inner.txt": "INNER <%= m %>",
	}
	tests := []struct{ name, src, want string }{
		{"plain text", "ITEM A 0 8 UINT\n", "ITEM A 0 8 UINT"},
		{"target_name", "COMMAND <%= target_name %> X", "COMMAND INST X"},
		{"arithmetic", "<%= 1 + 2 * 3 %> <%= (1 + 2) * 3 %> <%= 7 / 2 %> <%= -7 / 2 %> <%= 7 % 3 %> <%= 2 ** 10 %> <%= 1.5 * 2 %> <%= 0x10 + 0b11 %>", "7 9 3 -4 1 1024 3.0 19"},
		{"variables", "<%= count * 16 %> <%= name.upcase %> <%= list[1] %> <%= list.length %>", "48 ABC 20 2"},
		{"assignment", "<% x = count + 1 %><%= x %>\n<% x = x * 2 %><%= x %>", "4\n8"},
		{"strings", `<%= "a" + 'b' %> <%= "v#{count}" %> <%= 'x' * 3 %> <%= "%02d" % 7 %> <%= sprintf("%04X", 255) %> <%= format('%s-%d', name, 2) %>`, "ab v3 xxx 07 00FF abc-2"},
		{"comparison and logic", "<%= count > 2 && flag %> <%= off || 5 %> <%= !flag %> <%= count == 3 ? 'y' : 'n' %> <%= not off %>", "true 5 false y true"},
		{"range each", "<% (1..3).each do |i| %>V<%= i %>\n<% end %>", "V1\nV2\nV3"},
		{"exclusive range", "<% (0...count).each do |i| -%>\nV<%= i %>\n<% end -%>\n", "V0\nV1\nV2"},
		{"times", "<% 2.times do |x| -%>\nX<%= x %>\n<% end -%>\n", "X0\nX1"},
		{"upto downto step", "<% 1.upto(2) do |i| %><%= i %><% end %> <% 2.downto(1) do |i| %><%= i %><% end %> <% 0.step(6, 3) do |i| %><%= i %><% end %>", "12 21 036"},
		{"array each_with_index", "<% ['a', 'b'].each_with_index do |v, i| %><%= v %><%= i %> <% end %>", "a0 b1 "},
		{"each over a variable", "<% list.each do |v| %><%= v %>,<% end %>", "10,20,"},
		{"if elsif else", "<% [1, 2, 3].each do |i| %><% if i == 1 %>one<% elsif i == 2 %>two<% else %>many<% end %> <% end %>", "one two many "},
		{"unless", "<% unless off %>yes<% end %><% unless flag %>no<% end %>", "yes"},
		{"nested loops", "<% 2.times do |a| %><% 2.times do |b| %><%= a %><%= b %> <% end %><% end %>", "00 01 10 11 "},
		{"loop variable scope", "<% y = 0 %><% 3.times do |i| %><% y = y + i %><% end %><%= y %>", "3"},
		{"ERB comment", "A<%# a comment with <% inside? no %>B", "AB"},
		{"trim -%>", "<% if flag -%>\nLINE\n<% end -%>\nNEXT", "LINE\nNEXT"},
		{"trim <%-", "A\n   <%- if flag -%>\nB\n   <%- end -%>\nC", "A\nB\nC"},
		{"literal <%%", "X <%% Y", "X <% Y"},
		{"comment lines are inert", "  # <%= nope %> stays\nA", "  # <%= nope %> stays\nA"},
		{"render with locals", "TELEMETRY X\n  <%= render \"_hdr.txt\", locals: {apid: 5, label: 'L'} %>\nEND", "TELEMETRY X\n  ID 5 INST\nNAME L\n\nEND"},
		{"render with parens and hash rockets", "<%= render('_hdr.txt', locals: {:apid => 1, 'label' => \"M\"}) %>", "ID 1 INST\nNAME M"},
		{"nested render", "<%= render \"_outer.txt\", locals: {n: 4} %>", "OUTER 4\nINNER 8"},
		{"nil and to_s", "[<%= nil %>][<%= 5.to_s + 'x' %>][<%= '12'.to_i + 1 %>][<%= 3.to_f %>]", "[][5x][13][3.0]"},
		{"more values", "<%= 1.0 / 0 %> <%= [1, 2] == [1, 2] %> <%= nil == nil %> <%= {a: 1}[:a] %> <%= flag and off %> <%= 1e3 %> <%= list %> <%= 'AB'.downcase.length %> <%= 2.5.to_i %> <%= '0x1f'.hex %> <%= -3.abs %>", "Infinity true true 1 false 1000.0 [10, 20] 2 2 31 3"},
		{"nil checks", "<%= nil.nil? %> <%= ''.empty? %> <%= list.empty? %> <%= list[5].nil? %>", "true true false true"},
		{"multi-line code tag", "<%\n  z = 2\n%><%= z %>", "2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := runERB(t, tt.src, partials)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestERBLineOrigins(t *testing.T) {
	partials := map[string]string{"_p.txt": "P1\nP2 <%= x %>\n"}
	src := "L1\n<% 2.times do |i| -%>\nLOOP <%= i %>\n<% end -%>\n<%= render '_p.txt', locals: {x: 1} %>\nL6"
	_, lines, err := runERB(t, src, partials)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range lines {
		got = append(got, fmt.Sprintf("%s:%d %s", l.File, l.Line, l.Text))
	}
	want := []string{"t.txt:1 L1", "t.txt:3 LOOP 0", "t.txt:3 LOOP 1", "_p.txt:1 P1", "_p.txt:2 P2 1", "t.txt:5 ", "t.txt:6 L6"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("origins\n got %q\nwant %q", got, want)
	}
}

// Constructs outside the subset are errors naming file:line and the text.
func TestERBRejected(t *testing.T) {
	partials := map[string]string{"_bad.txt": "ok\n<%= oops %>\n", "notpartial.txt": "x"}
	tests := []struct{ name, src, want string }{
		{"require", "A\n<% require 'msg_id' %>", "t.txt:2: ERB: 'require' is not supported in definition files in <% require 'msg_id' %>"},
		{"undefined variable", "<%= apid %>", "t.txt:1: ERB: undefined local variable or method 'apid' in <%= apid %>"},
		{"brace block", "<% [1].map { |x| x } %>", "t.txt:1: ERB: unexpected '{' in <% [1].map { |x| x } %>"},
		{"while", "<% while true %>\n<% end %>", "t.txt:1: ERB: "},
		{"def", "<% def f(x) %>", "t.txt:1: ERB: "},
		{"method call", "<%= name.reverse %>", "t.txt:1: ERB: undefined method 'reverse' for \"abc\""},
		{"unterminated tag", "A\nB <%= x", "t.txt:2: ERB: unterminated ERB tag"},
		{"end without block", "A\n<% end %>", "t.txt:2: ERB: 'end' without a matching if or do block"},
		{"missing end", "<% if flag %>\nA", "t.txt:1: ERB: 'if flag' without a matching end"},
		{"missing loop end", "<% 3.times do |i| %>\nA", "t.txt:1: ERB: '3.times do |i|' without a matching end"},
		{"block on other method", "<% list.map do |x| %><% end %>", "t.txt:1: ERB: blocks are supported on each"},
		{"division by zero", "<%= 1 / 0 %>", "t.txt:1: ERB: divided by 0"},
		{"huge range", "<% (0..100000000).each do |i| %><% end %>", "t.txt:1: ERB: range 0..100000000 is too large"},
		{"error inside a partial", "X\n<%= render '_bad.txt' %>", "_bad.txt:2: ERB: undefined local variable or method 'oops'"},
		{"partial without underscore", "<%= render 'notpartial.txt' %>", "t.txt:1: ERB: partial name 'notpartial.txt' must begin with an underscore"},
		{"missing partial", "<%= render '_none.txt' %>", "t.txt:1: ERB: no partial _none.txt"},
		{"type error", "<%= 'a' + 1 %>", "t.txt:1: ERB: no implicit conversion of 1 into String"},
		{"bad format", "<%= '%d' % 'x' %>", "t.txt:1: ERB: can't convert \"x\" into Integer"},
		{"each on a number", "<% 5.each do |x| %><% end %>", "t.txt:1: ERB: undefined method 'each' for 5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := runERB(t, tt.src, partials)
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got  %q\nwant %q...", err, tt.want)
			}
		})
	}
}

func TestERBDeepRender(t *testing.T) {
	partials := map[string]string{"_loop.txt": "<%= render '_loop.txt' %>"}
	_, _, err := runERB(t, "<%= render '_loop.txt' %>", partials)
	if err == nil || !strings.Contains(err.Error(), "render nested more than") {
		t.Errorf("err = %v", err)
	}
}

// ERB arithmetic and number printing are the GENERIC conversions' own
// (ops.go, num.go): Ruby's floored division, float on overflow, Float#to_s.
func TestERBSharesGenericNumbers(t *testing.T) {
	tests := []struct{ src, want string }{
		{"<%= -7 % 3 %> <%= 7 % -3 %> <%= -7.5 % 2 %>", "2 -2 0.5"},
		{"<%= 1e20 %> <%= 1.0 / 3 %> <%= 2.5e-5 %>", "1.0e+20 0.3333333333333333 2.5e-05"},
		{"<%= 9223372036854775807 + 1 %>", "9.223372036854776e+18"},
		{"<%= 2 ** 62 %> <%= 2 ** -1 %>", "4611686018427387904 0.5"},
		{"<%= [1, 2] + [3] %>", "[1, 2, 3]"},
		{"<%= 1 == 1.0 %> <%= 'a' < 'b' %> <%= {a: 1} == {a: 1} %>", "true true false"},
	}
	for _, tt := range tests {
		got, _, err := runERB(t, tt.src, nil)
		if err != nil || got != tt.want {
			t.Errorf("%s: got %q (%v), want %q", tt.src, got, err, tt.want)
		}
	}
}

// The ERB mode of the shared lexer keeps Ruby's rules where GENERIC bodies
// read Python's too: single quotes keep \n, "\s" is a space, labels and
// symbols, strings across lines, ?-methods.
func TestERBLexerMode(t *testing.T) {
	tests := []struct{ src, want string }{
		{`<%= 'a\nb' %>|<%= "a\sb" %>`, `a\nb|a b`},
		{"<%= {a: 1, :b => 2}.length %> <%= ''.empty? %>", "2 true"},
		{"<%= \"x\ny\" %>", "x\ny"},
		{"<%= flag ? 'y' : 'n' %> <%= -1.abs %>", "y 1"},
	}
	for _, tt := range tests {
		got, _, err := runERB(t, tt.src, nil)
		if err != nil || got != tt.want {
			t.Errorf("%s: got %q (%v), want %q", tt.src, got, err, tt.want)
		}
	}
}
