package main

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/internal/cliutil"
)

// TestSpacePositionals: every COSMOS positional of the CCSDS protocols
// means the same as its named flag, and changes the output (so none is
// parsed and ignored).
func TestSpacePositionals(t *testing.T) {
	pkt := []byte("\x00\x00\x00\x0a\x08\x01\xc0\x00\x00\x03\xde\xad\xbe\xef") // one record: a 10-octet space packet
	for _, c := range []struct {
		proto      string
		base       []string // positionals before the one under test
		positional string
		flag       []string
	}{
		{"tmtf", nil, "5", []string{"--scid", "5"}},
		{"tmtf", []string{"5"}, "64", []string{"--frame-length", "64"}},
		{"tmtf", []string{"5", "nil"}, "false", []string{"--randomization=false"}},
		{"tmtf", []string{"5", "nil", "nil"}, "6", []string{"--discard", "6"}},
		{"tmtf", []string{"5", "nil", "nil", "nil"}, "0xFAF320", []string{"--sync", "0xFAF320"}},
		{"tmtf", []string{"5", "nil", "nil", "nil", "nil"}, "false", []string{"--fill=false"}},
		{"tmtf", []string{"5", "nil", "nil", "nil", "nil", "nil"}, "true", []string{"--error-control"}},
		{"aos", []string{"5", "nil", "nil", "nil", "nil", "nil"}, "true", []string{"--fecf"}},
		{"aos", nil, "5", []string{"--scid", "5"}},
		{"aos", []string{"5"}, "64", []string{"--frame-length", "64"}},
		{"aos", []string{"5", "nil"}, "false", []string{"--randomization=false"}},
		{"aos", []string{"5", "nil", "nil", "nil"}, "0xFAF320", []string{"--sync", "0xFAF320"}},
		{"tctf", nil, "false", []string{"--randomization=false"}},
		{"tctf", []string{"nil"}, "true", []string{"--error-control"}},
		{"tctf", []string{"nil", "nil"}, "0", []string{"--bypass", "0"}},
		{"tctf", []string{"nil", "nil", "nil"}, "0x3FF", []string{"--scid", "0x3FF"}},
		{"tctf", []string{"nil", "nil", "nil", "nil"}, "63", []string{"--vcid", "63"}},
		{"cltu", nil, "0xABCD", []string{"--header", "0xABCD"}},
		{"cltu", []string{"nil"}, "0x79", []string{"--footer", "0x79"}},
		{"cltu", []string{"nil", "nil"}, "0x00", []string{"--fill-byte", "0x00"}},
	} {
		name := c.proto + " " + strings.Join(append(append([]string{}, c.base...), c.positional), " ")
		t.Run(name, func(t *testing.T) {
			args := func(extra ...string) []string {
				a := append(append([]string{c.proto, "--write", "--out", "raw"}, c.base...), extra...)
				if (c.proto == "tmtf" || c.proto == "aos") && len(c.base)+len(extra) == 0 {
					a = append(a, "4") // the default run still needs a spacecraft ID
				}
				return a
			}
			pos, stderr, rc := runArgs(t, pkt, args(c.positional)...)
			if rc != 0 {
				t.Fatalf("positional: exit %d: %s", rc, stderr)
			}
			named, stderr, rc := runArgs(t, pkt, args(c.flag...)...)
			if rc != 0 {
				t.Fatalf("flag: exit %d: %s", rc, stderr)
			}
			def, _, _ := runArgs(t, pkt, args()...)
			if pos != named {
				t.Errorf("positional and flag differ:\n%x\n%x", pos, named)
			}
			if pos == def {
				t.Errorf("the parameter changed nothing: %x", pos)
			}
		})
	}
}

// TestSpaceUsage: what the CCSDS protocols refuse, with exit 2.
func TestSpaceUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"tmtf"}, "c3frame tmtf: the spacecraft ID (first positional or --scid) is required\n"},
		{[]string{"tmtf", "0x400"}, "c3frame tmtf: SCID 1024 out of range 0..1023\n"},
		{[]string{"aos", "0x100"}, "c3frame aos: SCID 256 out of range 0..255\n"},
		{[]string{"tmtf", "1", "0"}, "c3frame tmtf: frame length 0 out of range 1..2048\n"},
		{[]string{"tmtf", "1", "--allow-empty"}, "c3frame tmtf: tmtf has no allow empty data parameter: an empty record is never a frame or a packet\n"},
		{[]string{"aos", "1", "--fhec", "--write"}, "c3frame aos: writing the AOS frame header error control (Reed-Solomon) is not supported; leave --fhec off for --write\n"},
		{[]string{"tctf", "nil", "nil", "nil", "nil", "64"}, "c3frame tctf: VCID 64 out of range 0..63\n"},
		{[]string{"cltu", "nil", "nil", "0x100"}, "c3frame cltu: --fill-byte: \"0x100\" is not a byte value (0x00..0xFF)\n"},
		{[]string{"cltu", "xyz"}, "c3frame cltu: --header: "},
		{[]string{"tmtf", "1", "--on-error", "skip"}, "c3frame tmtf: --on-error must be resync or fail, not \"skip\"\n"},
	} {
		_, stderr, rc := runArgs(t, nil, c.args...)
		if rc != 2 || !strings.HasPrefix(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q, want 2 and %q", c.args, rc, stderr, c.want)
		}
	}
}

// chunkReader returns its chunks one Read at a time, as a pipe whose
// writer pauses between them.
type chunkReader struct{ chunks [][]byte }

func (c *chunkReader) Read(b []byte) (int, error) {
	if len(c.chunks) == 0 {
		return 0, io.EOF
	}
	n := copy(b, c.chunks[0])
	if c.chunks[0] = c.chunks[0][n:]; len(c.chunks[0]) == 0 {
		c.chunks = c.chunks[1:]
	}
	return n, nil
}

// TestIdleFlush: with --idle-flush an input pause completes the open frame,
// so the first packet is on the wire before the second arrives; without it
// both share one frame.
func TestIdleFlush(t *testing.T) {
	pkt := []byte("\x00\x00\x00\x0a\x08\x01\xc0\x00\x00\x03\xde\xad\xbe\xef")
	for _, c := range []struct {
		flags  []string
		frames int
	}{{nil, 1}, {[]string{"--idle-flush"}, 2}} {
		var out, errw bytes.Buffer
		in := &chunkReader{[][]byte{pkt, pkt}}
		args := append([]string{"c3frame", "tmtf", "5", "64", "--write", "--out", "raw"}, c.flags...)
		if rc := cliutil.Run(app(stdio{in, &out, &errw}), args, &errw); rc != 0 {
			t.Fatalf("%v: exit %d: %s", c.flags, rc, errw.String())
		}
		if got := out.Len() / 68; got != c.frames || out.Len()%68 != 0 {
			t.Errorf("%v: %d octets, want %d frames of 68", c.flags, out.Len(), c.frames)
		}
	}
}
