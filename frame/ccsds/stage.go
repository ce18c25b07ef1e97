package ccsds

import (
	"errors"
	"fmt"
	"io"

	"github.com/c3kit/c3kit/frame"
	"github.com/c3kit/c3kit/frame/record"
)

// LinkReader is the read direction of TM and AOS: the shared Deframer
// finds each frame (ASM search, resync over garbage and bad frames), the
// frame splitter derandomizes and checks it, and the Extractor takes it
// apart into packets (or, with Frames, the frame itself is emitted).
type LinkReader struct {
	d      *frame.Deframer
	s      *frameSplitter
	x      *Extractor
	frames bool
	meta   metaBuf // of --frames records
}

// NewLinkReader returns the reader for p (aos: AOS frames, else TM).
func NewLinkReader(p LinkParams, aos bool, o frame.Options) (*LinkReader, error) {
	s, err := newFrameSplitter(p, aos)
	if err != nil {
		return nil, err
	}
	o.AllowEmpty = frame.AllowEmptyFalse // a frame is never empty; packets are 7 octets at least
	r := &LinkReader{s: s, x: NewExtractor(o), frames: p.Frames}
	r.d = frame.NewDeframer(s, o)
	s.offset = r.d.Offset
	return r, nil
}

// wrap turns the Deframer's frames into packets (or annotated frames).
func (r *LinkReader) wrap(emit frame.Emit) frame.Emit {
	return func(meta record.Meta, f []byte) error {
		fi := &r.s.info
		if r.frames {
			return emit(r.meta.build(meta, fi.frameExtra), f)
		}
		return r.x.Frame(meta, fi, emit)
	}
}

// Run reads a record stream to its end.
func (r *LinkReader) Run(rd *record.Reader, emit frame.Emit) error {
	return r.close(r.d.Run(rd, r.wrap(emit)))
}

// ReadRaw reads a raw byte stream to its end.
func (r *LinkReader) ReadRaw(in io.Reader, emit frame.Emit) error {
	return r.close(r.d.ReadRaw(in, r.wrap(emit)))
}

// close reports the packets left unfinished at the end of the stream.
func (r *LinkReader) close(err error) error {
	if err != nil || r.frames {
		return err
	}
	return r.x.Close(r.s.kind)
}

// Emitted is the number of records emitted so far (packets, or frames
// with Frames).
func (r *LinkReader) Emitted() int64 {
	if r.frames {
		return r.d.Stats().Packets
	}
	return r.x.Stats().Packets
}

// Stats are the --stats pairs: the frame level, then the packet level.
func (r *LinkReader) Stats() []any {
	s, x := r.d.Stats(), r.x.Stats()
	kv := []any{"records_in", s.Records, "bytes_in", s.BytesIn, "frames", s.Packets, "bytes_discarded", s.Discarded, "resyncs", s.Resyncs}
	if r.frames {
		return kv
	}
	return append(kv, "packets", x.Packets, "idle_frames", x.IdleFrames, "idle_packets", x.IdlePackets,
		"vc_gaps", x.Gaps, "mc_gaps", x.MCGaps, "frames_lost", x.LostFrames, "partials_discarded", x.Partials, "zone_octets_discarded", x.Discarded)
}

// LinkWriter is the write direction of TM and AOS: every record is a space
// packet for the virtual channel given by VCID (or, when VCID < 0, by the
// record's extra VCID, else 0).
type LinkWriter struct {
	k        *Packer
	vcid     int
	o        frame.Options
	records  int64
	rejected int64
}

// NewLinkWriter returns the writer for p; frames go to w, one record each.
func NewLinkWriter(p LinkParams, aos bool, vcid int, o frame.Options, w *record.Writer) (*LinkWriter, error) {
	k, err := NewPacker(p, aos, func(m record.Meta, f []byte) error { return w.Write(m, f) })
	if err != nil {
		return nil, err
	}
	k.explain = o.Explain
	if vcid > k.maxVCID() {
		return nil, fmt.Errorf("--vcid %d out of range 0..%d", vcid, k.maxVCID())
	}
	return &LinkWriter{k: k, vcid: vcid, o: o}, nil
}

// Rejected is the number of records that were not space packets.
func (lw *LinkWriter) Rejected() int64 { return lw.rejected }

// Run packs every record of rd, then completes the open frames with idle
// data.
func (lw *LinkWriter) Run(rd *record.Reader) error {
	err := record.Each(rd, func(rec *record.Record) error {
		lw.records++
		vcid := lw.vcid
		if vcid < 0 {
			vcid = 0
			if v, ok := toInt(rec.Meta.Extra()["VCID"]); ok {
				vcid = v
			}
		}
		err := lw.k.Packet(rec.Meta, vcid, rec.Data)
		var f *frame.Fault
		if errors.As(err, &f) {
			lw.rejected++
			if lw.o.FailFast {
				return fmt.Errorf("record %d: %s", lw.records, f.Msg)
			}
			if lw.o.Report != nil {
				lw.o.Report(fmt.Sprintf("record %d: %s; skipped", lw.records, f.Msg))
			}
			return nil
		}
		return err
	})
	if err != nil {
		return err
	}
	return lw.k.Flush()
}

// Frames is the number of frames written so far.
func (lw *LinkWriter) Frames() int64 { return lw.k.Stats().Frames }

// FlushOpen completes the open frames with idle data and writes them (the
// input paused: no packet should wait for its frame to fill).
func (lw *LinkWriter) FlushOpen() error { return lw.k.Flush() }

// Stats are the --stats pairs.
func (lw *LinkWriter) Stats() []any {
	s := lw.k.Stats()
	return []any{"records_in", lw.records, "rejected", lw.rejected, "frames", s.Frames, "idle_octets", s.IdleOctets}
}

// toInt reads an integer meta value (CBOR gives uint64 or int64).
func toInt(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int64:
		return int(n), true
	case uint64:
		return int(n), true
	}
	return 0, false
}
