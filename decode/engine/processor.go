package engine

import (
	"fmt"
	"math"
	"path"
	"strconv"
	"strings"

	"github.com/c3kit/c3kit/decode/convert"
	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/fsum"
)

// COSMOS runs a packet's PROCESSORs on every packet received, before its
// items are read, and PROCESSOR_CONVERSION items print their results. The
// two processors COSMOS ships (WatermarkProcessor and StatisticsProcessor,
// in Python and Ruby) run here with the same state across the stream, so
// the demo's TEMP1HIGH ... TEMP1STDDEV decode as COSMOS's decom gives them.
// Other processor classes are code c3kit cannot run: their results decode
// as null, with a warning at load time.

type procKind uint8

const (
	watermarkProc procKind = iota
	statisticsProc
)

// valueType is the Processor's value_type: how it reads its item.
type valueType uint8

const (
	vtConverted valueType = iota
	vtRaw
	vtFormatted
	vtWithUnits
)

// processor is one PROCESSOR line c3kit runs.
type processor struct {
	name  string
	kind  procKind
	ruby  bool // the Ruby class: Welford's mean and deviation in floats
	item  *itemPlan
	vtype valueType
	first int // its first result in plan.procVals

	// statistics: the window of samples and the samples as read (MAX and
	// MIN keep the item's type), by ring slot.
	win     *fsum.Window
	samples []Value
}

// The results each processor publishes, in plan.procVals order.
var procResults = [...][]string{
	watermarkProc:  {"HIGH_WATER", "LOW_WATER"},
	statisticsProc: {"MAX", "MIN", "MEAN", "STDDEV"},
}

// maxSamples bounds a StatisticsProcessor's window: 64 Ki samples keep a
// processor under 10 MiB (DESIGN's memory cap), and COSMOS targets average
// tens to hundreds.
const maxSamples = 1 << 16

// compileProcessors builds the packet's PROCESSOR lines. A processor c3kit
// cannot run, or one configured wrongly, is warned about (file:line) and
// left out: conversions reading it decode as null.
func (d *Decoder) compileProcessors(pl *plan) {
	for _, kw := range pl.pkt.Extras {
		if kw.Keyword != "PROCESSOR" || len(kw.Args) < 2 {
			continue
		}
		pr, err := newProcessor(pl, kw.Args)
		if err != nil {
			d.warn(fmt.Sprintf("%s:%d: PROCESSOR %s: %v; its results decode as null", kw.File, kw.Line, strings.ToUpper(kw.Args[0]), err))
			continue
		}
		pr.first = len(pl.procVals)
		pl.procVals = append(pl.procVals, make([]Value, len(procResults[pr.kind]))...)
		pl.procs = append(pl.procs, pr)
	}
}

func newProcessor(pl *plan, args []string) (*processor, error) {
	pr := &processor{name: strings.ToUpper(args[0])}
	class, opts := args[1], args[2:]
	switch base := strings.ToLower(path.Base(class)); base {
	case "watermark_processor.py", "watermarkprocessor":
		pr.kind = watermarkProc
	case "watermark_processor.rb":
		pr.kind, pr.ruby = watermarkProc, true
	case "statistics_processor.py", "statisticsprocessor":
		pr.kind = statisticsProc
	case "statistics_processor.rb":
		pr.kind, pr.ruby = statisticsProc, true
	default:
		return nil, fmt.Errorf("%s is a processor class only a COSMOS server can run (c3kit runs watermark_processor and statistics_processor)", class)
	}
	want := 1 // the item
	if pr.kind == statisticsProc {
		want = 2 // and the samples to average
	}
	if len(opts) < want || len(opts) > want+1 {
		return nil, fmt.Errorf("%s takes %s", class, map[procKind]string{
			watermarkProc:  "an item name and optionally a value type",
			statisticsProc: "an item name, the samples to average and optionally a value type"}[pr.kind])
	}
	if pr.item = pl.byName[strings.ToUpper(opts[0])]; pr.item == nil {
		return nil, fmt.Errorf("item %s is not in packet %s %s", strings.ToUpper(opts[0]), pl.pkt.Target, pl.pkt.Name)
	}
	if len(opts) > want {
		vt, ok := map[string]valueType{"CONVERTED": vtConverted, "RAW": vtRaw, "FORMATTED": vtFormatted, "WITH_UNITS": vtWithUnits}[strings.ToUpper(opts[want])]
		if !ok {
			return nil, fmt.Errorf("unknown value type %s (RAW, CONVERTED, FORMATTED or WITH_UNITS)", opts[want])
		}
		pr.vtype = vt
	}
	if pr.kind == statisticsProc {
		n, err := strconv.Atoi(opts[1])
		if err != nil || n < 1 || n > maxSamples {
			return nil, fmt.Errorf("samples to average %q must be a whole number from 1 to %d", opts[1], maxSamples)
		}
		pr.win = fsum.NewWindow(n)
		pr.samples = make([]Value, n)
	}
	return pr, nil
}

// processorResult resolves PROCESSOR_CONVERSION name result against the
// packet's processors: the index into plan.procVals, or why not.
func (pl *plan) processorResult(name, result string) (int, error) {
	for _, pr := range pl.procs {
		if pr.name != name {
			continue
		}
		for i, r := range procResults[pr.kind] {
			if r == result {
				return pr.first + i, nil
			}
		}
		return 0, fmt.Errorf("processor %s has no result %s (it has %s)", name, result, strings.Join(procResults[pr.kind], ", "))
	}
	return 0, fmt.Errorf("processor %s is not one c3kit runs in packet %s %s", name, pl.pkt.Target, pl.pkt.Name)
}

// runProcessors is COSMOS's packet.process: each processor reads its item
// from this record and updates its results.
func (d *Decoder) runProcessors(c *recordCtx) {
	for _, pr := range c.pl.procs {
		v, ok := d.processorInput(c, pr)
		if !ok {
			continue // the read failed: COSMOS's processor raises and keeps its results
		}
		res := c.pl.procVals[pr.first : pr.first+len(procResults[pr.kind])]
		switch pr.kind {
		case watermarkProc:
			if res[0].K == Null || greater(v, &res[0]) {
				setResult(&res[0], v)
			}
			if res[1].K == Null || greater(&res[1], v) {
				setResult(&res[1], v)
			}
		case statisticsProc:
			pr.sample(v, res)
		}
	}
}

// processorInput is packet.read(item, value_type) for this record.
func (d *Decoder) processorInput(c *recordCtx, pr *processor) (*Value, bool) {
	ip := pr.item
	if pr.vtype == vtRaw {
		v, err := c.raw(ip)
		return v, err == nil
	}
	v, err := c.conv(ip)
	if err != nil {
		return nil, false
	}
	if st := ip.lookupState(v); st != nil {
		d.ptmp = Value{K: Name, S: st.name}
		return &d.ptmp, true
	}
	if pr.vtype == vtConverted || v.K == Null {
		return v, true
	}
	b, err := formatValueUnits(d.pbuf[:0], ip, v, pr.vtype == vtWithUnits)
	d.pbuf = b
	if err != nil {
		return nil, false
	}
	d.ptmp = Value{K: String, B: b}
	return &d.ptmp, true
}

// greater is Python's a > b for the values a processor compares: numbers
// with numbers, text with text. Values that Python would refuse to compare
// (a number and a string) are never greater.
func greater(a, b *Value) bool {
	switch {
	case a.K == Float && b.K == Float:
		return a.F > b.F
	case a.K == Int && b.K == Int:
		return a.I > b.I
	case a.K == Uint && b.K == Uint:
		return a.U > b.U
	case isNumberKind(a.K) && isNumberKind(b.K):
		return numberOf(a) > numberOf(b)
	case isTextKind(a.K) && isTextKind(b.K):
		return textOf(a) > textOf(b)
	}
	return false
}

func isTextKind(k Kind) bool { return k == String || k == Name }

// numberOf is a number's value as a float (for mixed kinds).
func numberOf(v *Value) float64 {
	switch v.K {
	case Int:
		return float64(v.I)
	case Uint:
		return float64(v.U)
	}
	return v.F
}

// textOf is a text value's string.
func textOf(v *Value) string {
	if v.K == Name {
		return v.S
	}
	return string(v.B)
}

// setResult keeps v as a processor result: numbers as they are, text as a
// string of its own (the record's bytes are reused).
func setResult(dst, v *Value) {
	switch v.K {
	case Int, Uint, Float:
		*dst = Value{K: v.K, I: v.I, U: v.U, F: v.F}
	case String, Name:
		*dst = Value{K: Name, S: textOf(v)}
	}
}

// sample is StatisticsProcessor#call: NaN and infinite values are
// skipped; the rest enter the window and the results are recomputed.
func (pr *processor) sample(v *Value, res []Value) {
	if !isNumberKind(v.K) {
		return // COSMOS's processor raises on text; its results stay
	}
	x := numberOf(v)
	if x != x || x > maxFloat || x < -maxFloat {
		return
	}
	slot := pr.win.Push(x)
	setResult(&pr.samples[slot], v)
	w := pr.win
	res[0] = pr.samples[w.MaxSlot()]
	res[1] = pr.samples[w.MinSlot()]
	if pr.ruby {
		mean, sd := welford(w)
		res[2], res[3] = FloatVal(mean), FloatVal(sd)
		return
	}
	res[2] = FloatVal(w.Mean())
	if w.Len() > 1 {
		res[3] = FloatVal(w.Stddev())
	} else {
		res[3] = IntVal(0) // Python's processor sets the integer 0
	}
}

const maxFloat = 1.7976931348623157e308

// welford is the Ruby StatisticsProcessor's Math.stddev_sample: one pass
// of Welford's updates in floats over the samples, oldest first, and the
// sample deviation (0.0 for one sample). The products are rounded as Ruby
// rounds them (float64(...) forbids fusing them into FMAs).
func welford(w *fsum.Window) (mean, stddev float64) {
	var n, m2 float64
	w.Each(func(x float64) {
		n++
		delta := x - mean
		mean = mean + float64(delta/n)
		m2 = m2 + float64(delta*float64(x-mean))
	})
	if n == 1 {
		return mean, 0
	}
	return mean, math.Sqrt(m2 / (n - 1))
}

// procConv is PROCESSOR_CONVERSION for a processor c3kit runs: the
// result for this record, or 0 while the processor has none (COSMOS's
// conversion returns 0 for a missing result).
type procConv struct {
	pl   *plan
	slot int
}

func (p procConv) convert(_ *Value, _ convert.Packet, out *Value) error {
	if r := &p.pl.procVals[p.slot]; r.K != Null {
		*out = *r
	} else {
		*out = Value{K: Int}
	}
	return nil
}

// Process runs p's processors on rec as the stream's next record of p,
// with RECEIVED_COUNT count, and returns their results (valid until the
// next call; nil when p has none). A parallel decode calls it on the side
// that reads the stream in order and hands the results to the worker
// decoding rec with SetProcessed, as it hands over RECEIVED_COUNT.
func (d *Decoder) Process(p *def.Packet, rec *record.Record, count uint64) []Value {
	pl, err := d.plan(p)
	if err != nil || pl.broken != nil || len(pl.procs) == 0 {
		return nil
	}
	pl.received = count - 1
	d.begin(pl, rec)
	return pl.procVals
}

// HasProcessors reports whether p has processors c3kit runs.
func (d *Decoder) HasProcessors(p *def.Packet) bool {
	pl, err := d.plan(p)
	return err == nil && pl.broken == nil && len(pl.procs) > 0
}

// SetProcessed makes the next record of p decode with the processor
// results r (from Process) instead of running p's processors.
func (d *Decoder) SetProcessed(p *def.Packet, r []Value) {
	if pl, err := d.plan(p); err == nil && len(r) == len(pl.procVals) {
		copy(pl.procVals, r)
		pl.procFed = true
	}
}
