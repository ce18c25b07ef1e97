package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/c3kit/c3kit/frame"
	"github.com/c3kit/c3kit/frame/ccsds"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/urfave/cli/v2"
)

// spaceProtocols are the CCSDS space data link layer (frame/ccsds): COSMOS
// Enterprise's TMTF, TCTF and CLTU protocols, plus AOS. They run their own
// action: a TM frame holds many packets and a packet spans frames, which the
// one-packet-per-unit Splitter/Framer contract of the other protocols does
// not express.
func spaceProtocols() []protocol {
	return []protocol{
		{name: "tmtf", usage: "CCSDS TM transfer frames (COSMOS CcsdsTmtfProtocol): ASM, derandomize, FECF, space packets per VC; --write packs packets into frames",
			positionals: linkPositionals, flags: linkFlags(false), action: runLink(false)},
		{name: "aos", usage: "CCSDS AOS transfer frames (732.0-B) with M_PDU packet extraction, like tmtf",
			positionals: linkPositionals, flags: linkFlags(true), action: runLink(true)},
		{name: "tctf", usage: "CCSDS TC transfer frames (COSMOS CcsdsTctfProtocol): --write wraps each packet in a frame; read takes frames apart",
			positionals: []string{"randomization", "error-control", "bypass", "scid", "vcid"}, flags: tctfFlags(), action: runTCTF},
		{name: "cltu", usage: "CCSDS CLTU with BCH(63,56) (COSMOS CcsdsCltuProtocol): --write encodes; read decodes, correcting single-bit errors",
			positionals: []string{"header", "footer", "fill-byte"}, flags: cltuFlags(), action: runCLTU},
	}
}

// linkPositionals: COSMOS's TMTF parameters in order; the seventh,
// error_control, is in COSMOS Enterprise's code though not in its docs table.
var linkPositionals = []string{"scid", "frame-length", "randomization", "discard", "sync", "fill", "fecf"}

func linkFlags(aos bool) []cli.Flag {
	f := []cli.Flag{
		&cli.IntFlag{Name: "scid", Value: -1, Usage: "spacecraft ID; frames for another one are dropped (required)"},
		&cli.IntFlag{Name: "frame-length", Value: 2048, Usage: "frame octets after the sync pattern, 1..2048"},
		&cli.BoolFlag{Name: "randomization", Value: true, Usage: "frames are randomized (CCSDS TM sequence; the sync pattern never is)"},
		&cli.IntFlag{Name: "discard", Usage: "discard leading bytes, counted from the sync pattern's first byte (more than the sync pattern: bytes between it and the frame)"},
		&cli.StringFlag{Name: "sync", Value: "0x1ACFFC1D", Usage: "attached sync marker, hex; nil: frames back to back"},
		&cli.BoolFlag{Name: "fill", Value: true, Usage: "write: put the sync pattern in front of each frame"},
		&cli.BoolFlag{Name: "fecf", Aliases: []string{"error-control"}, Usage: "frames end with the CRC-16 frame error control field: checked on read (a bad frame is dropped), added on write"},
		&cli.BoolFlag{Name: "frames", Usage: "read: emit whole frames (header fields in extra) instead of packets"},
		&cli.IntFlag{Name: "vcid", Value: -1, Usage: "write: virtual channel of the packets (default: each record's extra VCID, else 0)"},
		&cli.BoolFlag{Name: "idle-flush", Usage: "write: whenever all input so far is consumed, complete the open frames with idle data and write them (live links: no packet waits for its frame to fill; the framing then depends on timing)"},
	}
	if aos {
		f = append(f,
			&cli.BoolFlag{Name: "ocf", Usage: "frames carry a 4-octet operational control field (managed parameter: AOS does not flag it)"},
			&cli.IntFlag{Name: "insert-zone", Usage: "octets of insert zone after the header"},
			&cli.BoolFlag{Name: "fhec", Usage: "the header has the 2-octet frame header error control (skipped on read, not checked)"})
	}
	return f
}

func linkParams(c *cli.Context) (ccsds.LinkParams, error) {
	if c.Int("scid") < 0 {
		return ccsds.LinkParams{}, fmt.Errorf("the spacecraft ID (first positional or --scid) is required")
	}
	sync, err := hexParam(c, "sync", false)
	if err != nil {
		return ccsds.LinkParams{}, err
	}
	return ccsds.LinkParams{SCID: c.Int("scid"), FrameLength: c.Int("frame-length"), Randomize: c.Bool("randomization"),
		Discard: c.Int("discard"), Sync: sync, Fill: c.Bool("fill"), FECF: c.Bool("fecf"), Frames: c.Bool("frames"),
		OCF: c.Bool("ocf"), InsertZone: c.Int("insert-zone"), FHEC: c.Bool("fhec")}, nil
}

func tctfFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "randomization", Value: true, Usage: "randomize the whole frame (CCSDS TC sequence)"},
		&cli.BoolFlag{Name: "error-control", Aliases: []string{"fecf"}, Usage: "frames end with the CRC-16 frame error control field"},
		&cli.IntFlag{Name: "bypass", Value: 1, Usage: "bypass flag: 0 Type-A, 1 Type-B"},
		&cli.IntFlag{Name: "scid", Usage: "spacecraft ID (10 bits); read: frames for another one are dropped"},
		&cli.IntFlag{Name: "vcid", Usage: "virtual channel ID (6 bits); read: when given, frames of other VCs are dropped"},
		&cli.StringFlag{Name: "fill-byte", Value: "0x55", Usage: "read: CLTU fill octet dropped after a frame up to the codeblock boundary"},
	}
}

func cltuFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "header", Value: "0xEB90", Usage: "start sequence, hex"},
		&cli.StringFlag{Name: "footer", Value: "0xC5C5C5C5C5C5C579", Usage: "tail sequence, hex (nil: none)"},
		&cli.StringFlag{Name: "fill-byte", Value: "0x55", Usage: "fill octet completing the last codeblock"},
	}
}

// spaceRun is what the four actions share: positionals, diagnostics,
// --on-error and --explain, the record reader and writer, and --stats.
type spaceRun struct {
	c       *cli.Context
	diag    *cliutil.Diag
	opt     frame.Options
	rd      *record.Reader
	w       *record.Writer
	sio     stdio
	in      io.Reader    // stdin, behind --progress and the pause hook
	bar     *progress    // --progress, or nil
	packets func() int64 // output count for --progress
	pause   func() error // called when all input so far is consumed (--idle-flush)
}

// pauseReader calls the run's pause hook before each read of stdin: the
// record reader reads only when it has used up what it has.
type pauseReader struct {
	r   io.Reader
	run *spaceRun
}

func (p pauseReader) Read(b []byte) (int, error) {
	if p.run.pause != nil {
		if err := p.run.pause(); err != nil {
			return 0, err
		}
		if err := p.run.w.Flush(); err != nil {
			return 0, err
		}
	}
	return p.r.Read(b)
}

func newSpaceRun(c *cli.Context, p protocol, sio stdio) (*spaceRun, error) {
	if err := cliutil.BindPositionals(c, p.positionals...); err != nil {
		return nil, err
	}
	if c.IsSet("allow-empty") {
		return nil, cliutil.Usagef("%s has no allow empty data parameter: an empty record is never a frame or a packet", p.name)
	}
	r := &spaceRun{c: c, diag: cliutil.NewDiag(c, sio.err), sio: sio}
	r.opt.Report = func(m string) { r.diag.Printf("%s", m) }
	switch c.String("on-error") {
	case "resync":
	case "fail":
		r.opt.FailFast = true
	default:
		return nil, cliutil.Usagef("--on-error must be resync or fail, not %q", c.String("on-error"))
	}
	if c.Bool("explain") {
		r.opt.Explain = r.opt.Report
	}
	r.in = pauseReader{sio.in, r}
	if c.Bool("progress") {
		stats := func() frame.Stats {
			if r.packets == nil {
				return frame.Stats{}
			}
			return frame.Stats{Packets: r.packets()}
		}
		if r.bar = newProgress(sio.in, sio.err, stats); r.bar != nil {
			r.in = r.bar.wrap(r.in)
		}
	}
	var err error
	r.rd, r.w, err = cliutil.OpenIO(c, r.in, sio.out)
	return r, err
}

// read runs d over the input (raw input straight into its buffer).
func (r *spaceRun) read(runRecords func(*record.Reader, frame.Emit) error, runRaw func(io.Reader, frame.Emit) error) error {
	emit := func(m record.Meta, pkt []byte) error { return r.w.Write(m, pkt) }
	if r.c.String("in") == "raw" {
		return runRaw(record.FlushBefore(r.in, r.w), emit)
	}
	return runRecords(r.rd, emit)
}

// finish flushes, prints --stats, and turns rejected records into exit 1.
func (r *spaceRun) finish(err error, rejected int64, stats ...any) error {
	if ferr := r.w.Flush(); err == nil {
		err = ferr
	}
	if r.bar != nil {
		r.bar.finish()
	}
	if r.c.Bool("stats") {
		r.diag.Stats(stats...)
	}
	if err == nil && rejected > 0 {
		err = cli.Exit(fmt.Sprintf("%d input records rejected", rejected), 1)
	}
	return err
}

func usage(err error) error {
	if err != nil {
		return cliutil.Usagef("%v", err)
	}
	return nil
}

func runLink(aos bool) func(*cli.Context, protocol, stdio) error {
	return func(c *cli.Context, p protocol, sio stdio) error {
		r, err := newSpaceRun(c, p, sio)
		if err != nil {
			return err
		}
		lp, err := linkParams(c)
		if err != nil {
			return usage(err)
		}
		if c.Bool("write") {
			lw, err := ccsds.NewLinkWriter(lp, aos, c.Int("vcid"), r.opt, r.w)
			if err != nil {
				return usage(err)
			}
			r.packets = func() int64 { return lw.Frames() }
			if c.Bool("idle-flush") {
				r.pause = lw.FlushOpen
			}
			err = lw.Run(r.rd)
			return r.finish(err, lw.Rejected(), lw.Stats()...)
		}
		lr, err := ccsds.NewLinkReader(lp, aos, r.opt)
		if err != nil {
			return usage(err)
		}
		r.packets = lr.Emitted
		err = r.read(lr.Run, lr.ReadRaw)
		return r.finish(err, 0, lr.Stats()...)
	}
}

func runTCTF(c *cli.Context, p protocol, sio stdio) error {
	r, err := newSpaceRun(c, p, sio)
	if err != nil {
		return err
	}
	fill, err := charParam("fill-byte", c.String("fill-byte"))
	if err != nil {
		return usage(err)
	}
	t, err := ccsds.NewTCTF(ccsds.TCParams{Randomize: c.Bool("randomization"), FECF: c.Bool("error-control"), Bypass: c.Int("bypass"),
		SCID: c.Int("scid"), VCID: c.Int("vcid"), CheckVCID: c.IsSet("vcid"), Fill: fill})
	if err != nil {
		return usage(err)
	}
	if c.Bool("write") || c.String("in") == "raw" {
		return r.plain(t)
	}
	return r.tcRecords(t)
}

// tcRecords reads TC frames record by record (each record a CLTU's data or
// a frame): a fault costs the rest of its record, never the next one.
func (r *spaceRun) tcRecords(t *ccsds.TCTF) error {
	var records, bytesIn, frames, bytesOut, faults int64
	r.packets = func() int64 { return frames }
	emit := func(m record.Meta, pkt []byte) error {
		bytesOut += int64(len(pkt))
		return r.w.Write(m, pkt)
	}
	err := record.Each(r.rd, func(rec *record.Record) error {
		records++
		bytesIn += int64(len(rec.Data))
		var explain func(string)
		if r.opt.Explain != nil {
			explain = func(m string) { r.opt.Explain(fmt.Sprintf("record %d: %s", records, m)) }
		}
		n, err := t.ReadRecord(rec.Data, rec.Meta, emit, explain)
		frames += int64(n)
		var f *frame.Fault
		if !errors.As(err, &f) {
			return err
		}
		faults++
		msg := fmt.Sprintf("record %d: %s", records, f.Msg)
		if r.opt.FailFast {
			return errors.New(msg)
		}
		r.opt.Report(msg + "; rest of the record dropped")
		return nil
	})
	return r.finish(err, 0, "records_in", records, "bytes_in", bytesIn, "frames", frames, "bytes_out", bytesOut, "faults", faults)
}

func runCLTU(c *cli.Context, p protocol, sio stdio) error {
	r, err := newSpaceRun(c, p, sio)
	if err != nil {
		return err
	}
	cp := ccsds.CLTUParams{}
	if cp.Header, err = hexParam(c, "header", true); err != nil {
		return usage(err)
	}
	if cp.Footer, err = hexParam(c, "footer", false); err != nil {
		return usage(err)
	}
	if cp.Fill, err = charParam("fill-byte", c.String("fill-byte")); err != nil {
		return usage(err)
	}
	cl, err := ccsds.NewCLTU(cp, r.opt.Report)
	if err != nil {
		return usage(err)
	}
	return r.plain(cl)
}

// plain runs a protocol that fits the shared Deframer and Encoder (one
// frame or CLTU per record).
func (r *spaceRun) plain(proto frame.Protocol) error {
	r.opt.AllowEmpty = frame.AllowEmptyFalse
	if r.c.Bool("write") {
		r.opt.AllowEmpty = frame.AllowEmptyTrue // an empty record reaches the framer, which rejects it
		enc := frame.NewEncoder(proto, r.opt)
		r.packets = func() int64 { return enc.Stats().Packets }
		err := enc.Run(r.rd, r.w)
		s := enc.Stats()
		return r.finish(err, s.Errors, "records_in", s.Records, "bytes_in", s.BytesIn, "units", s.Packets, "bytes_out", s.BytesOut, "rejected", s.Errors)
	}
	d := frame.NewDeframer(proto, r.opt)
	r.packets = func() int64 { return d.Stats().Packets }
	cl, isCLTU := proto.(*ccsds.CLTU)
	if isCLTU {
		cl.SetOffset(d.Offset)
	}
	err := r.read(d.Run, d.ReadRaw)
	s := d.Stats()
	kv := []any{"records_in", s.Records, "bytes_in", s.BytesIn, "units", s.Packets, "bytes_out", s.BytesOut, "bytes_discarded", s.Discarded, "resyncs", s.Resyncs}
	if isCLTU {
		cs := cl.Stats()
		kv = append(kv, "cltus", cs.CLTUs, "corrected_bits", cs.CorrectedBits, "uncorrectable", cs.Uncorrectable)
	}
	return r.finish(err, 0, kv...)
}
