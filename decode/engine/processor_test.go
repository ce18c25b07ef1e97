package engine

import (
	"strings"
	"testing"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/frame/record"
)

// procDefs uses every processor form COSMOS ships: Python and Ruby, the
// openc3/... path and the bare file name, the class name COSMOS's
// to_config writes, each value type, and the mistakes a target can make.
const procDefs = `TELEMETRY TGT P BIG_ENDIAN "processors"
  APPEND_ID_ITEM ID 8 UINT 1
  APPEND_ITEM V 16 INT
    POLY_READ_CONVERSION 0 0.5
    FORMAT_STRING "%.1f"
    UNITS Volts V
  APPEND_ITEM F 32 FLOAT
  APPEND_ITEM S 8 UINT
    STATE OFF 0
    STATE ON 1
    STATE ZED 2
  ITEM PH 0 0 DERIVED
    READ_CONVERSION openc3/conversions/processor_conversion.py PW HIGH_WATER
  ITEM PL 0 0 DERIVED
    READ_CONVERSION openc3/conversions/processor_conversion.py PW LOW_WATER
  ITEM RH 0 0 DERIVED
    READ_CONVERSION processor_conversion.rb RW HIGH_WATER
  ITEM RL 0 0 DERIVED
    READ_CONVERSION processor_conversion.rb RW LOW_WATER
  ITEM PMAX 0 0 DERIVED
    READ_CONVERSION openc3/conversions/processor_conversion.py PS MAX
  ITEM PMIN 0 0 DERIVED
    READ_CONVERSION openc3/conversions/processor_conversion.py PS MIN
  ITEM PMEAN 0 0 DERIVED
    READ_CONVERSION openc3/conversions/processor_conversion.py PS MEAN
  ITEM PSD 0 0 DERIVED
    READ_CONVERSION openc3/conversions/processor_conversion.py PS STDDEV FLOAT 64
  ITEM RMEAN 0 0 DERIVED
    READ_CONVERSION processor_conversion.rb RS MEAN
  ITEM RSD 0 0 DERIVED
    READ_CONVERSION processor_conversion.rb RS STDDEV
  ITEM FMAX 0 0 DERIVED
    READ_CONVERSION openc3/conversions/processor_conversion.py FS MAX
  ITEM FMEAN 0 0 DERIVED
    READ_CONVERSION openc3/conversions/processor_conversion.py FS MEAN
  ITEM FSD 0 0 DERIVED
    READ_CONVERSION openc3/conversions/processor_conversion.py FS STDDEV
  ITEM SH 0 0 DERIVED
    READ_CONVERSION openc3/conversions/processor_conversion.py SW HIGH_WATER
  ITEM SL 0 0 DERIVED
    READ_CONVERSION openc3/conversions/processor_conversion.py SW LOW_WATER
  ITEM TH 0 0 DERIVED
    READ_CONVERSION openc3/conversions/processor_conversion.py TW HIGH_WATER
  ITEM CUSTOM 0 0 DERIVED
    READ_CONVERSION openc3/conversions/processor_conversion.py MINE RESULT
  ITEM NORES 0 0 DERIVED
    READ_CONVERSION openc3/conversions/processor_conversion.py PW MEAN
  PROCESSOR PW openc3/processors/watermark_processor.py V
  PROCESSOR rw watermark_processor.rb V RAW
  PROCESSOR PS StatisticsProcessor V 3 CONVERTED
  PROCESSOR RS statistics_processor.rb V 3
  PROCESSOR FS openc3/processors/statistics_processor.py F 2
  PROCESSOR SW watermark_processor.py S
  PROCESSOR TW watermark_processor.py V WITH_UNITS
  PROCESSOR MINE my_processor.py V
  PROCESSOR BADN statistics_processor.py V 0
  PROCESSOR BADI watermark_processor.py NOPE
  PROCESSOR BADT watermark_processor.py V SIDEWAYS
`

func procRecords() []*record.Record {
	// V raw 4, -2, 10, 10, 3 (converted 2.0, -1.0, 5.0, 5.0, 1.5);
	// F 1.5, NaN, 2.5, Inf, 4.0; S 1, 0, 2, 1, 1 (ON OFF ZED ON ON).
	// (Floats with whole values print as JSON integers do: 2, not 2.0.)
	raw := [][]byte{
		{1, 0x00, 0x04, 0x3f, 0xc0, 0x00, 0x00, 1},
		{1, 0xff, 0xfe, 0x7f, 0xc0, 0x00, 0x00, 0},
		{1, 0x00, 0x0a, 0x40, 0x20, 0x00, 0x00, 2},
		{1, 0x00, 0x0a, 0x7f, 0x80, 0x00, 0x00, 1},
		{1, 0x00, 0x03, 0x40, 0x80, 0x00, 0x00, 1},
	}
	recs := make([]*record.Record, len(raw))
	for i, b := range raw {
		recs[i] = &record.Record{Data: b}
	}
	return recs
}

// TestProcessors: each processor's results record by record, as COSMOS's
// Python and Ruby processors give them (the expected values are what
// Python's statistics module and the Ruby processor's Welford pass give
// for these samples; Ruby's last mean differs from Python's in the last
// digit, as it does in COSMOS).
func TestProcessors(t *testing.T) {
	set, err := def.LoadText("p.txt", procDefs, def.Options{Target: "TGT"})
	if err != nil {
		t.Fatal(err)
	}
	p := set.Packet("TGT", "P", def.Telemetry)
	items := []string{"PH", "PL", "RH", "RL", "PMAX", "PMIN", "PMEAN", "PSD", "RMEAN", "RSD", "FMAX", "FMEAN", "FSD", "SH", "SL", "TH", "CUSTOM", "NORES"}
	var warns []string
	d := NewDecoder(Options{Set: set, Items: items, Warn: func(m string) { warns = append(warns, m) }})
	want := []string{
		`"PH":2,"PL":2,"RH":4,"RL":4,"PMAX":2,"PMIN":2,"PMEAN":2,"PSD":0,"RMEAN":2,"RSD":0,"FMAX":1.5,"FMEAN":1.5,"FSD":0,"SH":"ON","SL":"ON","TH":"2.0 V","CUSTOM":null,"NORES":null`,
		`"PH":2,"PL":-1,"RH":4,"RL":-2,"PMAX":2,"PMIN":-1,"PMEAN":0.5,"PSD":2.1213203435596424,"RMEAN":0.5,"RSD":2.1213203435596424,"FMAX":1.5,"FMEAN":1.5,"FSD":0,"SH":"ON","SL":"OFF","TH":"2.0 V","CUSTOM":null,"NORES":null`,
		`"PH":5,"PL":-1,"RH":10,"RL":-2,"PMAX":5,"PMIN":-1,"PMEAN":2,"PSD":3,"RMEAN":2,"RSD":3,"FMAX":2.5,"FMEAN":2,"FSD":0.7071067811865476,"SH":"ZED","SL":"OFF","TH":"5.0 V","CUSTOM":null,"NORES":null`,
		`"PH":5,"PL":-1,"RH":10,"RL":-2,"PMAX":5,"PMIN":-1,"PMEAN":3,"PSD":3.4641016151377544,"RMEAN":3,"RSD":3.4641016151377544,"FMAX":2.5,"FMEAN":2,"FSD":0.7071067811865476,"SH":"ZED","SL":"OFF","TH":"5.0 V","CUSTOM":null,"NORES":null`,
		`"PH":5,"PL":-1,"RH":10,"RL":-2,"PMAX":5,"PMIN":1.5,"PMEAN":3.8333333333333335,"PSD":2.0207259421636903,"RMEAN":3.833333333333333,"RSD":2.0207259421636903,"FMAX":4,"FMEAN":3.25,"FSD":1.0606601717798212,"SH":"ZED","SL":"OFF","TH":"5.0 V","CUSTOM":null,"NORES":null`,
	}
	for i, rec := range procRecords() {
		line, err := d.Decode(nil, p, rec)
		if err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		if !strings.Contains(string(line), `"items":{`+want[i]+`}`) {
			t.Errorf("record %d:\n got %s\nwant %s", i, line, want[i])
		}
	}
	wantWarns := []string{
		"p.txt:55: PROCESSOR MINE: my_processor.py is a processor class only a COSMOS server can run (c3kit runs watermark_processor and statistics_processor); its results decode as null",
		`p.txt:56: PROCESSOR BADN: samples to average "0" must be a whole number from 1 to 65536; its results decode as null`,
		"p.txt:57: PROCESSOR BADI: item NOPE is not in packet TGT P; its results decode as null",
		"p.txt:58: PROCESSOR BADT: unknown value type SIDEWAYS (RAW, CONVERTED, FORMATTED or WITH_UNITS); its results decode as null",
		"p.txt:45: TGT P CUSTOM: ProcessorConversion MINE RESULT: processor MINE is not one c3kit runs in packet TGT P; decoded as null",
		"p.txt:47: TGT P NORES: ProcessorConversion PW MEAN: processor PW has no result MEAN (it has HIGH_WATER, LOW_WATER); decoded as null",
	}
	if strings.Join(warns, "\n") != strings.Join(wantWarns, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warns, "\n"), strings.Join(wantWarns, "\n"))
	}
}

// TestProcessorsBeforeFirstSample: a result the processor has not set yet
// is 0, as COSMOS's processor_conversion gives for None (here the float
// item's first sample is NaN, which the statistics processor skips).
func TestProcessorsBeforeFirstSample(t *testing.T) {
	set, err := def.LoadText("p.txt", procDefs, def.Options{Target: "TGT"})
	if err != nil {
		t.Fatal(err)
	}
	p := set.Packet("TGT", "P", def.Telemetry)
	d := NewDecoder(Options{Set: set, Items: []string{"FMAX", "FMEAN", "FSD"}})
	line, err := d.Decode(nil, p, &record.Record{Data: []byte{1, 0, 1, 0x7f, 0xc0, 0, 0, 0}})
	if err != nil {
		t.Fatal(err)
	}
	if want := `"items":{"FMAX":0,"FMEAN":0,"FSD":0}`; !strings.Contains(string(line), want) {
		t.Errorf("got %s, want %s", line, want)
	}
}

// TestProcessedHandover: results computed by one Decoder in stream order
// (Process) and handed to others (SetProcessed) decode exactly as one
// Decoder running its processors itself: the parallel decode's contract.
func TestProcessedHandover(t *testing.T) {
	set, err := def.LoadText("p.txt", procDefs, def.Options{Target: "TGT"})
	if err != nil {
		t.Fatal(err)
	}
	p := set.Packet("TGT", "P", def.Telemetry)
	seq := NewDecoder(Options{Set: set})
	reader := NewDecoder(Options{Set: set})
	workers := []*Decoder{NewDecoder(Options{Set: set}), NewDecoder(Options{Set: set})}
	if !reader.HasProcessors(p) {
		t.Fatal("HasProcessors: false")
	}
	for i, rec := range procRecords() {
		want, err := seq.Decode(nil, p, rec)
		if err != nil {
			t.Fatal(err)
		}
		res := append([]Value(nil), reader.Process(p, rec, uint64(i+1))...)
		w := workers[i%2]
		w.SetReceivedCount(p, uint64(i+1))
		w.SetProcessed(p, res)
		got, err := w.Decode(nil, p, rec)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("record %d:\n got %s\nwant %s", i, got, want)
		}
	}
}
