package convert

import (
	"errors"
	"strings"
	"testing"
)

// FuzzGeneric feeds arbitrary bodies to the translator: it must never
// panic, must classify every failure, and whatever compiles must run (on a
// few values) without panicking. Where the numeric path answers, it must
// agree with the VM exactly.
func FuzzGeneric(f *testing.F) {
	for _, s := range []string{
		"value * 2", "(value * 1.5).to_i", "int(value * 1.5)", "value > 5 ? 'HIGH' : 'LOW'",
		"'HIGH' if value > 5 else 'LOW'", "if value > 1\n 2\nelsif value < 0\n 3\nelse\n 4\nend",
		"if value > 1:\n    return 2\nreturn 3", "a = packet.read('X', :RAW)\na / 3", `"#{value} V"`,
		`f"{value:>8.2f}"`, "sprintf('%04X', value)", "'%d %s' % [value, 'x']", "Math.sqrt(value) ** 2",
		"x = 1\nx += value\nx << 3", "value.split.join('+')", "[1, 2, value].max", "1 < value < 3",
		"packet.read('TEMP1') / 1_000_000", "x = value * 2\nx - 9223372036854775807", "-value // -3 % 7 ** 2",
	} {
		f.Add(s)
	}
	p := newTestPacket()
	f.Fuzz(func(t *testing.T, body string) {
		c, err := Generic(body, 0, 0, false)
		if err != nil {
			if !errors.Is(err, ErrUnsupported) {
				t.Fatalf("Generic(%q): unclassified error %v", body, err)
			}
			return
		}
		for _, v := range []any{int64(3), -2.5, "abc", uint64(1 << 63), nil, []any{int64(1)}} {
			// Failures are ErrConvert, or the packet's own error for an
			// unknown item.
			if _, err := c.Convert(v, p); err != nil && !errors.Is(err, ErrConvert) &&
				!strings.HasSuffix(err.Error(), "does not exist") {
				t.Fatalf("Generic(%q).Convert(%v): unclassified error %v", body, v, err)
			}
			checkNumPath(t, c, body, v, p)
		}
	})
}
