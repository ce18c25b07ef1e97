package convert

import (
	"github.com/c3kit/c3kit/internal/ruby"
	"slices"
	"strings"

	"github.com/c3kit/c3kit/decode/accessor"
)

// Polynomial is POLY_READ/WRITE_CONVERSION and polynomial_conversion:
// c0 + c1*x + c2*x^2 + ..., always a FLOAT 64 result.
type Polynomial struct {
	coeffs []float64
}

// Poly returns the polynomial with coefficients c0, c1, ... .
func Poly(coeffs []float64) *Polynomial {
	return &Polynomial{coeffs: slices.Clone(coeffs)}
}

// ConvertFloat evaluates the polynomial the way COSMOS does (summing
// c_i * x^i with x^i built by repeated multiplication), so results match it
// to the last bit.
func (p *Polynomial) ConvertFloat(x float64) float64 {
	if len(p.coeffs) == 0 {
		return 0
	}
	result := p.coeffs[0]
	pow := 1.0
	for _, c := range p.coeffs[1:] {
		pow *= x
		result += c * pow
	}
	return result
}

// Convert applies the polynomial to any numeric value.
func (p *Polynomial) Convert(v any, _ Packet) (any, error) {
	x, ok := ruby.AsFloat(v)
	if !ok {
		return nil, errorf(ErrConvert, "polynomial conversion of non-numeric value %v (%T)", v, v)
	}
	return p.ConvertFloat(x), nil
}

func (p *Polynomial) ConvertedType() accessor.DataType { return accessor.FLOAT }
func (p *Polynomial) ConvertedBitSize() int            { return 64 }

// String is COSMOS's "10.0 + 0.5x + 0.25x^2".
func (p *Polynomial) String() string { return polyString(p.coeffs) }

// Coefficients returns a copy of the coefficients.
func (p *Polynomial) Coefficients() []float64 { return slices.Clone(p.coeffs) }

func polyString(coeffs []float64) string {
	var b strings.Builder
	for i, c := range coeffs {
		switch i {
		case 0:
			b.WriteString(ruby.RubyFloat(c))
		case 1:
			b.WriteString(" + " + ruby.RubyFloat(c) + "x")
		default:
			b.WriteString(" + " + ruby.RubyFloat(c) + "x^" + ruby.Itoa(i))
		}
	}
	return b.String()
}

// Segment is one piece of a segmented polynomial: it applies from
// LowerBound (inclusive) up to the next segment's lower bound.
type Segment struct {
	LowerBound float64
	Coeffs     []float64
}

// SegmentedPolynomial is SEG_POLY_READ/WRITE_CONVERSION and
// segmented_polynomial_conversion. A value uses the segment with the
// largest lower bound not above it; values below every bound use the
// segment with the smallest bound.
type SegmentedPolynomial struct {
	segs []Segment // sorted by LowerBound, largest first
}

// SegPoly returns a segmented polynomial of the given segments (more can be
// added with AddSegment as further SEG_POLY_* lines arrive).
func SegPoly(segments ...Segment) *SegmentedPolynomial {
	s := &SegmentedPolynomial{}
	for _, seg := range segments {
		s.AddSegment(seg.LowerBound, seg.Coeffs...)
	}
	return s
}

// AddSegment adds a segment, keeping them ordered.
func (s *SegmentedPolynomial) AddSegment(lowerBound float64, coeffs ...float64) {
	s.segs = append(s.segs, Segment{lowerBound, slices.Clone(coeffs)})
	slices.SortStableFunc(s.segs, func(a, b Segment) int {
		switch {
		case a.LowerBound > b.LowerBound:
			return -1
		case a.LowerBound < b.LowerBound:
			return 1
		}
		return 0
	})
}

// ConvertFloat evaluates the segment that applies to x (0 with no segments;
// COSMOS returns nil there).
func (s *SegmentedPolynomial) ConvertFloat(x float64) float64 {
	if len(s.segs) == 0 {
		return 0
	}
	seg := &s.segs[len(s.segs)-1]
	for i := range s.segs {
		if x >= s.segs[i].LowerBound {
			seg = &s.segs[i]
			break
		}
	}
	result, pow := 0.0, 1.0
	for _, c := range seg.Coeffs {
		result += c * pow
		pow *= x
	}
	return result
}

// Convert applies the conversion to any numeric value.
func (s *SegmentedPolynomial) Convert(v any, _ Packet) (any, error) {
	x, ok := ruby.AsFloat(v)
	if !ok {
		return nil, errorf(ErrConvert, "segmented polynomial conversion of non-numeric value %v (%T)", v, v)
	}
	if len(s.segs) == 0 {
		return nil, nil
	}
	return s.ConvertFloat(x), nil
}

func (s *SegmentedPolynomial) ConvertedType() accessor.DataType { return accessor.FLOAT }
func (s *SegmentedPolynomial) ConvertedBitSize() int            { return 64 }

// Segments returns a copy of the segments, largest lower bound first.
func (s *SegmentedPolynomial) Segments() []Segment {
	out := make([]Segment, len(s.segs))
	for i, seg := range s.segs {
		out[i] = Segment{seg.LowerBound, slices.Clone(seg.Coeffs)}
	}
	return out
}

// String is COSMOS's "Lower Bound: 100.0 Polynomial: 12.0 + 0.5x + 0.3x^2",
// one line per segment.
func (s *SegmentedPolynomial) String() string {
	lines := make([]string, len(s.segs))
	for i, seg := range s.segs {
		lines[i] = "Lower Bound: " + ruby.RubyFloat(seg.LowerBound) + " Polynomial: " + polyString(seg.Coeffs)
	}
	return strings.Join(lines, "\n")
}
