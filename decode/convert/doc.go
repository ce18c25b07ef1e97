// Package convert implements the COSMOS conversions c3decode and c3encode
// apply to telemetry items (READ_CONVERSION) and command parameters
// (WRITE_CONVERSION): every built-in conversion class, recognised by the
// Ruby or Python file name or the class name a definition file uses
// (Named), the POLY_* and SEG_POLY_* keywords (Poly, SegPoly), and
// GENERIC_READ/WRITE_CONVERSION bodies (Generic), whose Ruby or Python
// subset is translated once, at load time, into an expr-lang program.
//
// Conversions are immutable values built once per item and shared by every
// record. Polynomial and SegmentedPolynomial also implement FloatConverter,
// an allocation-free fast path the decoder can type-assert to.
//
// Values flow as the accessor produces them: int64 (INT), uint64 (UINT),
// float64 (FLOAT), string (STRING), []byte (BLOCK), []any (arrays).
// Time conversions produce time.Time (UTC); OBJECT_READ produces
// map[string]any.
//
// What cannot run outside COSMOS is reported, never faked: custom
// conversion classes are an error naming the file (ErrUnknownConversion);
// PROCESSOR_CONVERSION needs the packet's processors and their state
// across the stream, which this package does not have (ErrUnavailable at
// conversion time; decode/engine runs COSMOS's processors and resolves it
// there); GENERIC bodies outside the
// supported subset are a compile-time error (ErrUnsupported) so the caller
// can fail or, leniently, keep the unconverted value (see Passthrough).
package convert
