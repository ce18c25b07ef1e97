package gen

import (
	"bytes"
	"encoding/binary"
	"io"
	"testing"

	"github.com/c3kit/c3kit/frame/record"
)

func TestCRC16Check(t *testing.T) {
	if c := CRC16([]byte("123456789")); c != 0x29B1 {
		t.Fatalf("CRC16 check value %04X, want 29B1", c)
	}
}

func TestRawStreamLayout(t *testing.T) {
	var buf bytes.Buffer
	st, err := Write(&buf, Options{PacketSize: 64, Packets: 10, Sync: []byte{0x1A, 0xCF, 0xFC, 0x1D}, CRC: true, BadCRCEvery: 5})
	if err != nil {
		t.Fatal(err)
	}
	if st.Packets != 10 || st.BadCRC != 2 || buf.Len() != 10*68 {
		t.Fatalf("stats %+v len %d", st, buf.Len())
	}
	b := buf.Bytes()
	for i := 0; i < 10; i++ {
		p := b[i*68 : (i+1)*68]
		if !bytes.Equal(p[:4], []byte{0x1A, 0xCF, 0xFC, 0x1D}) || binary.BigEndian.Uint16(p[8:]) != 57 {
			t.Fatalf("packet %d header % x", i, p[:10])
		}
		good := CRC16(p[4:66]) == binary.BigEndian.Uint16(p[66:])
		if good == ((i+1)%5 == 0) {
			t.Fatalf("packet %d CRC good=%v", i, good)
		}
	}
}

func TestRecordsWithGarbage(t *testing.T) {
	var buf bytes.Buffer
	st, err := Write(&buf, Options{PacketSize: 20, Packets: 9, GarbageEvery: 3, Records: true})
	if err != nil {
		t.Fatal(err)
	}
	r := record.NewReader(&buf)
	n := 0
	for {
		_, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 12 || st.Garbage == 0 {
		t.Fatalf("records %d stats %+v", n, st)
	}
}
