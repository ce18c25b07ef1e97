package convert

import (
	"path"
	"strconv"
	"strings"
	"unicode"

	"github.com/c3kit/c3kit/decode/accessor"
)

// Named returns the built-in conversion a READ_CONVERSION or
// WRITE_CONVERSION line names, with that line's parameters. name may be a
// Ruby or Python file name, with or without its directory
// ("unix_time_conversion.rb", "openc3/conversions/unix_time_conversion.py")
// or a class name ("UnixTimeConversion", "OpenC3::UnixTimeConversion").
// Anything else is ErrUnknownConversion naming it. "nil"/"None" parameters
// mean "not given", as in COSMOS.
func Named(name string, params []string) (Conversion, error) {
	return NamedItem(name, params, 0, 0)
}

// NamedItem is Named for a conversion attached to an item of type itemType
// and itemBitSize bits; the definition parser should prefer it. It lets
// bit_reverse_conversion be written without parameters, as the COSMOS
// documentation does, taking the item's own type and size.
func NamedItem(name string, params []string, itemType accessor.DataType, itemBitSize int) (Conversion, error) {
	key := conversionKey(name)
	ps := trimNil(params)
	bad := func(format string, args ...any) (Conversion, error) {
		return nil, errorf(ErrBadParams, key+": "+format, args...)
	}
	nParams := func(min, max int) bool { return len(ps) >= min && len(ps) <= max }
	switch key {
	case "polynomial_conversion":
		if len(ps) == 0 {
			return bad("needs at least one coefficient")
		}
		c, err := floats(ps)
		if err != nil {
			return bad("%v", err)
		}
		return Poly(c), nil
	case "segmented_polynomial_conversion":
		if len(ps) < 2 {
			return bad("needs a lower bound and at least one coefficient")
		}
		c, err := floats(ps)
		if err != nil {
			return bad("%v", err)
		}
		return SegPoly(Segment{c[0], c[1:]}), nil
	case "bit_reverse_conversion":
		t, size := itemType, itemBitSize
		switch {
		case len(ps) == 0 && (t == 0 || size == 0):
			return bad("needs the converted type and bit size")
		case len(ps) == 2:
			var err error
			if t, err = accessor.ParseDataType(ps[0]); err != nil {
				return bad("%v", err)
			}
			if size, err = strconv.Atoi(ps[1]); err != nil {
				return bad("bit size %q is not an integer", ps[1])
			}
		case len(ps) != 0:
			return bad("takes a converted type and bit size, got %d parameters", len(ps))
		}
		c, err := NewBitReverse(t, size)
		if err != nil {
			return nil, err
		}
		return c, nil
	case "ip_read_conversion", "ip_write_conversion", "packet_time_formatted_conversion",
		"packet_time_seconds_conversion", "received_count_conversion",
		"received_time_formatted_conversion", "received_time_seconds_conversion":
		if len(ps) != 0 {
			return bad("takes no parameters, got %d", len(ps))
		}
		switch key {
		case "ip_read_conversion":
			return IPRead{}, nil
		case "ip_write_conversion":
			return IPWrite{}, nil
		case "received_count_conversion":
			return ReceivedCount{}, nil
		}
		return TimeConversion{Received: strings.HasPrefix(key, "received"), Formatted: strings.Contains(key, "formatted")}, nil
	case "object_read_conversion", "object_write_conversion":
		if len(ps) != 3 {
			return bad("takes CMD|TLM, target name and packet name, got %d parameters", len(ps))
		}
		kind := strings.ToUpper(ps[0])
		switch kind {
		case "COMMAND":
			kind = "CMD"
		case "TELEMETRY":
			kind = "TLM"
		}
		if kind != "CMD" && kind != "TLM" {
			return bad("first parameter %q must be CMD or TLM", ps[0])
		}
		return &Object{Write: key == "object_write_conversion", Kind: kind,
			Target: strings.ToUpper(ps[1]), Name: strings.ToUpper(ps[2])}, nil
	case "processor_conversion":
		if !nParams(2, 5) {
			return bad("takes a processor name, a result name and optionally type, bit size, array size")
		}
		c := &Processor{ProcessorName: strings.ToUpper(ps[0]), Result: strings.ToUpper(ps[1])}
		c.err = c.unavailable()
		if len(ps) > 2 {
			t, err := accessor.ParseDataType(ps[2])
			if err != nil {
				return bad("%v", err)
			}
			c.typ = t
		}
		if len(ps) > 3 {
			n, err := strconv.Atoi(ps[3])
			if err != nil {
				return bad("bit size %q is not an integer", ps[3])
			}
			c.bits = n
		}
		return c, nil
	case "unix_time_conversion", "unix_time_formatted_conversion", "unix_time_seconds_conversion":
		if !nParams(1, 4) {
			return bad("takes a seconds item and optionally a microseconds item and their RAW/CONVERTED types")
		}
		c := &UnixTime{SecondsItem: strings.ToUpper(ps[0]), SecondsMode: Raw, UsecMode: Raw}
		switch key {
		case "unix_time_formatted_conversion":
			c.Form = UnixTimeFormatted
		case "unix_time_seconds_conversion":
			c.Form = UnixTimeSeconds
		}
		// trimNil dropped a nil microseconds item only if it was last; a
		// "nil" in the middle arrives as "".
		if len(ps) > 1 {
			c.UsecItem = strings.ToUpper(ps[1])
		}
		for i, m := range []*Mode{&c.SecondsMode, &c.UsecMode} {
			if len(ps) > 2+i && ps[2+i] != "" {
				mode, err := ParseMode(ps[2+i])
				if err != nil || (mode != Raw && mode != Converted) {
					return bad("value type %q must be RAW or CONVERTED", ps[2+i])
				}
				*m = mode
			}
		}
		return c, nil
	case "generic_conversion":
		if !nParams(1, 4) {
			return bad("takes the code and optionally type, bit size, array size")
		}
		var t accessor.DataType
		bitSize := 0
		if len(ps) > 1 && ps[1] != "" {
			var err error
			if t, err = accessor.ParseDataType(ps[1]); err != nil {
				return bad("%v", err)
			}
		}
		if len(ps) > 2 && ps[2] != "" {
			var err error
			if bitSize, err = strconv.Atoi(ps[2]); err != nil {
				return bad("bit size %q is not an integer", ps[2])
			}
		}
		return Generic(ps[0], t, bitSize, false)
	}
	return nil, errorf(ErrUnknownConversion,
		"conversion %q is not a COSMOS built-in conversion; custom Ruby/Python conversion classes cannot run outside COSMOS", name)
}

// conversionKey normalises a file or class name to the snake_case file
// stem: "openc3/conversions/Unix_Time_Conversion.py" and
// "OpenC3::UnixTimeConversion" both give "unix_time_conversion".
func conversionKey(name string) string {
	n := strings.TrimSpace(name)
	if i := strings.LastIndex(n, "::"); i >= 0 {
		n = n[i+2:]
	}
	n = path.Base(strings.ReplaceAll(n, "\\", "/"))
	n = strings.TrimSuffix(strings.TrimSuffix(n, ".rb"), ".py")
	if i := strings.LastIndex(n, "."); i >= 0 { // python module path openc3.conversions.x
		n = n[i+1:]
	}
	if strings.ContainsRune(n, '_') || strings.ToLower(n) == n {
		return strings.ToLower(n)
	}
	var b strings.Builder
	for i, r := range n {
		if unicode.IsUpper(r) && i > 0 {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// trimNil maps COSMOS's nil/None parameters to "" and drops trailing ones.
func trimNil(params []string) []string {
	out := make([]string, len(params))
	for i, p := range params {
		switch strings.ToLower(p) {
		case "nil", "none":
			out[i] = ""
		default:
			out[i] = p
		}
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

func floats(ps []string) ([]float64, error) {
	out := make([]float64, len(ps))
	for i, p := range ps {
		f, err := parseNumber(p)
		if err != nil {
			return nil, err
		}
		out[i] = f
	}
	return out, nil
}

// parseNumber parses a coefficient as COSMOS's Float() does, including
// underscores and hex integers.
func parseNumber(s string) (float64, error) {
	t := strings.TrimSpace(s)
	if f, err := strconv.ParseFloat(strings.ReplaceAll(t, "_", ""), 64); err == nil {
		return f, nil
	}
	if i, err := strconv.ParseInt(t, 0, 64); err == nil {
		return float64(i), nil
	}
	return 0, errorf(ErrBadParams, "invalid number %q", s)
}
