package link

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"
	"time"

	"github.com/c3kit/c3kit/frame/record"
)

func writeFileAtomic(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFileReadFolder(t *testing.T) {
	cases := []struct {
		name      string
		polling   bool
		recursive bool
		archive   string // "" archive folder, or DELETE
		discard   int64
		readSize  int
		stored    bool
	}{
		{"inotify archive", false, false, "", 0, 1000, true},
		{"inotify delete discard header", false, false, ArchiveDelete, 128, 4096, false},
		{"polling archive", true, false, "", 0, 65536, true},
		{"inotify recursive", false, true, "", 4, 777, true},
		{"polling recursive delete", true, true, ArchiveDelete, 0, 3000, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in, arch := t.TempDir(), t.TempDir()
			if tc.archive == ArchiveDelete {
				arch = ArchiveDelete
			}
			early := pattern(5000, 1)
			writeFileAtomic(t, filepath.Join(in, "a_early.bin"), early)
			f := &File{ReadFolder: in, ArchiveFolder: arch, ReadSize: tc.readSize, Stored: tc.stored, Polling: tc.polling,
				PollInterval: 50 * time.Millisecond, Recursive: tc.recursive, DiscardHeader: tc.discard}
			h := startPump(t, f, Config{Reconnect: true}, false)

			want := early[tc.discard:]
			got, recs := h.readBytes(len(want))
			if !bytes.Equal(got, want) {
				t.Fatalf("early file: got %d bytes", len(got))
			}
			for i, r := range recs {
				if len(r.data) > tc.readSize {
					t.Fatalf("record of %d bytes, File Read Size %d", len(r.data), tc.readSize)
				}
				if i < len(recs)-1 && len(r.data) != tc.readSize && len(want) > tc.readSize {
					t.Fatalf("chunk %d is %d bytes", i, len(r.data))
				}
				if r.meta[record.KeyStored] != tc.stored || r.meta.Extra()[ExtraFile] != filepath.Join(in, "a_early.bin") {
					t.Fatalf("meta %v", r.meta)
				}
			}

			// A file that appears later, in a sub-folder when recursive.
			dir := in
			if tc.recursive {
				dir = filepath.Join(in, "sub")
				os.Mkdir(dir, 0o755)
				time.Sleep(100 * time.Millisecond) // let the new folder's watch start
			}
			late := pattern(10000, 2)
			writeFileAtomic(t, filepath.Join(dir, "b_late.bin"), late)
			got, _ = h.readBytes(len(late) - int(tc.discard))
			if !bytes.Equal(got, late[tc.discard:]) {
				t.Fatal("late file differs")
			}
			// Finished files leave the read folder.
			waitFor(t, func() bool {
				_, e1 := os.Stat(filepath.Join(in, "a_early.bin"))
				_, e2 := os.Stat(filepath.Join(dir, "b_late.bin"))
				return os.IsNotExist(e1) && os.IsNotExist(e2)
			})
			if arch != ArchiveDelete {
				if b, err := os.ReadFile(filepath.Join(arch, "a_early.bin")); err != nil || !bytes.Equal(b, early) {
					t.Fatalf("archived file: %v", err)
				}
			}
		})
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitLong)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in time")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestFileWaitsForCompleteFile: a file still being written is not read until
// its writer closes it (COSMOS would read whatever part is there).
func TestFileWaitsForCompleteFile(t *testing.T) {
	for _, polling := range []bool{false, true} {
		in, arch := t.TempDir(), t.TempDir()
		h := startPump(t, &File{ReadFolder: in, ArchiveFolder: arch, ReadSize: 65536, Polling: polling, PollInterval: 100 * time.Millisecond}, Config{Reconnect: true}, false)
		// Wait until the watch is up (a first file has been read) so the
		// slow file below is seen by events, not by the start-up scan.
		writeFileAtomic(t, filepath.Join(in, "0first.bin"), []byte("x"))
		h.readBytes(1)
		fh, err := os.Create(filepath.Join(in, "growing.bin"))
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 5; i++ {
			fh.Write(pattern(1000, i))
			time.Sleep(60 * time.Millisecond) // faster than the poll interval
		}
		select {
		case r := <-h.out:
			t.Fatalf("polling=%v: read %d bytes of a file still being written", polling, len(r.data))
		default:
		}
		fh.Close()
		got, _ := h.readBytes(5000)
		if len(got) != 5000 {
			t.Fatalf("got %d bytes", len(got))
		}
	}
}

func TestFileWriteFolder(t *testing.T) {
	out := t.TempDir()
	h := startPump(t, &File{WriteFolder: out, Label: "data", Extension: ".dat"}, Config{Reconnect: true, WriteOnly: true}, true)
	var want [][]byte
	for i := 0; i < 4; i++ {
		want = append(want, pattern(100+i, i))
		h.send(nil, want[i])
	}
	h.closeStdin()
	if _, err := h.wait(); err != nil {
		t.Fatal(err)
	}
	ents, _ := os.ReadDir(out)
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	if len(names) != 4 {
		t.Fatalf("files %q", names)
	}
	re := regexp.MustCompile(`^\d{4}_\d{2}_\d{2}_\d{2}_\d{2}_\d{2}_data(_\d+)?\.dat$`)
	// Within one second the names are stamp_data.dat, stamp_data_1.dat, ...;
	// sort by content to match the records regardless of the second.
	found := 0
	for _, n := range names {
		if !re.MatchString(n) {
			t.Fatalf("name %q", n)
		}
		b, _ := os.ReadFile(filepath.Join(out, n))
		for _, w := range want {
			if bytes.Equal(b, w) {
				found++
			}
		}
	}
	if found != 4 {
		t.Fatalf("%d of 4 records found in files", found)
	}
}

func TestCommandFileName(t *testing.T) {
	cases := []struct {
		label   string
		attempt int
		ext     string
		want    string
	}{
		{"command", 0, ".bin", "2026_11_21_09_30_00_command.bin"},
		{"command", 2, ".bin", "2026_11_21_09_30_00_command_2.bin"},
		{"", 0, ".dat", "2026_11_21_09_30_00.dat"},
		{"", 1, "", "2026_11_21_09_30_00_1"},
	}
	for _, c := range cases {
		if got := CommandFileName("2026_11_21_09_30_00", c.label, c.attempt, c.ext); got != c.want {
			t.Errorf("%+v: %q", c, got)
		}
	}
}

func TestFileOpenErrors(t *testing.T) {
	h := startPump(t, &File{ReadFolder: "/no/such/folder", ArchiveFolder: ArchiveDelete}, Config{Reconnect: true}, false)
	if _, err := h.wait(); err == nil {
		t.Fatal("missing read folder accepted")
	}
}

// inotifyRecord builds one struct inotify_event as the kernel lays it out.
func inotifyRecord(wd int32, mask uint32, name string, pad int) []byte {
	b := make([]byte, 16)
	binary.NativeEndian.PutUint32(b[0:], uint32(wd))
	binary.NativeEndian.PutUint32(b[4:], mask)
	n := 0
	if name != "" {
		n = len(name) + 1 + pad
	}
	binary.NativeEndian.PutUint32(b[12:], uint32(n))
	if name != "" {
		b = append(b, name...)
		b = append(b, make([]byte, 1+pad)...)
	}
	return b
}

func TestParseInotify(t *testing.T) {
	var b []byte
	b = append(b, inotifyRecord(1, 8, "a.bin", 2)...)
	b = append(b, inotifyRecord(2, 0x80, "", 0)...)
	b = append(b, inotifyRecord(3, 0x100, "sub", 12)...)
	var got []InotifyEvent
	if err := ParseInotify(b, func(e InotifyEvent) error { got = append(got, e); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].Name != "a.bin" || got[0].WD != 1 || got[1].Name != "" || got[2].Name != "sub" || got[2].Mask != 0x100 {
		t.Fatalf("%+v", got)
	}
	if err := ParseInotify(b[:len(b)-3], func(InotifyEvent) error { return nil }); err == nil {
		t.Fatal("cut record accepted")
	}
}

// FuzzParseInotify: any bytes parse without panic, and events rebuilt from
// what was parsed parse to the same events.
func FuzzParseInotify(f *testing.F) {
	f.Add(inotifyRecord(1, 8, "file", 3))
	f.Add(append(inotifyRecord(1, 8, "x", 0), 0xff, 0xff))
	f.Fuzz(func(t *testing.T, b []byte) {
		var evs []InotifyEvent
		if ParseInotify(b, func(e InotifyEvent) error { evs = append(evs, e); return nil }) != nil {
			return
		}
		var again []byte
		for _, e := range evs {
			if bytes.IndexByte([]byte(e.Name), 0) >= 0 {
				t.Fatalf("name %q holds a NUL", e.Name)
			}
			again = append(again, inotifyRecord(e.WD, e.Mask, e.Name, 0)...)
			binary.NativeEndian.PutUint32(again[len(again)-16-nameLen(e.Name)+8:], e.Cookie)
		}
		var evs2 []InotifyEvent
		if err := ParseInotify(again, func(e InotifyEvent) error { evs2 = append(evs2, e); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(evs) != len(evs2) {
			t.Fatalf("%d events, %d after the round trip", len(evs), len(evs2))
		}
		for i := range evs {
			if evs[i] != evs2[i] {
				t.Fatalf("event %d: %+v vs %+v", i, evs[i], evs2[i])
			}
		}
	})
}

func nameLen(s string) int {
	if s == "" {
		return 0
	}
	return len(s) + 1
}

// TestFileBeingWrittenAtStart: a file that is still being written when
// c3link starts is not taken as complete until it holds still (or closes).
func TestFileBeingWrittenAtStart(t *testing.T) {
	for _, polling := range []bool{false, true} {
		in := t.TempDir()
		fh, err := os.Create(filepath.Join(in, "busy.bin"))
		if err != nil {
			t.Fatal(err)
		}
		h := startPump(t, &File{ReadFolder: in, ArchiveFolder: ArchiveDelete, Polling: polling, PollInterval: 150 * time.Millisecond}, Config{Reconnect: true}, false)
		var want []byte
		for i := 0; i < 8; i++ {
			b := pattern(500, i)
			want = append(want, b...)
			fh.Write(b)
			time.Sleep(40 * time.Millisecond)
		}
		fh.Close()
		got, _ := h.readBytes(len(want))
		if !bytes.Equal(got, want) {
			t.Fatalf("polling=%v: got %d bytes, want %d", polling, len(got), len(want))
		}
	}
}
