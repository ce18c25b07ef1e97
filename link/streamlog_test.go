package link

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestStreamLogCycling drives LOG_STREAM's cycling with a clock the test
// sets: cycle time, COSMOS's nil cycle time with a daily Hour:Minute or an
// hourly Minute, and size only. Each step sets the clock, then writes one
// byte or (".") runs the once-a-second flush; the files must hold exactly
// the bytes of their cycle, and be named by the time it started.
func TestStreamLogCycling(t *testing.T) {
	type step struct {
		at  string // UTC, 2006-01-02 15:04:05
		put string // one byte to log, or "." for the flusher's tick
	}
	cases := []struct {
		name  string
		cycle LogCycle
		steps []step
		want  map[string]string // file start time (the name's 20060102T150405 part) -> content
	}{
		{"cycle time", LogCycle{Time: 10 * time.Minute},
			[]step{{"2026-11-21 00:00:00", "a"}, {"2026-11-21 00:09:59", "b"}, {"2026-11-21 00:10:00", "c"}, {"2026-11-21 00:25:00", "d"}},
			map[string]string{"20261121T000000": "ab", "20261121T001000": "c", "20261121T002500": "d"}},
		{"daily at 03:00", LogCycle{Hour: 3, Minute: 0},
			[]step{{"2026-11-21 02:58:30", "a"}, {"2026-11-21 02:59:59", "b"}, {"2026-11-21 03:00:00", "c"},
				{"2026-11-22 02:59:59", "d"}, {"2026-11-22 03:00:01", "e"}},
			map[string]string{"20261121T025830": "ab", "20261121T030000": "cd", "20261122T030001": "e"}},
		{"daily, opened after the hour", LogCycle{Hour: 3, Minute: 30},
			[]step{{"2026-11-21 04:00:00", "a"}, {"2026-11-22 03:29:59", "b"}, {"2026-11-22 03:30:00", "c"}},
			map[string]string{"20261121T040000": "ab", "20261122T033000": "c"}},
		{"hourly at :15", LogCycle{Hour: NoClock, Minute: 15},
			[]step{{"2026-11-21 10:14:00", "a"}, {"2026-11-21 10:15:00", "b"}, {"2026-11-21 11:14:59", "c"}, {"2026-11-21 11:15:00", "d"}, {"2026-11-21 23:59:00", "e"}, {"2026-11-22 00:15:00", "f"}},
			map[string]string{"20261121T101400": "a", "20261121T101500": "bc", "20261121T111500": "d", "20261121T235900": "e", "20261122T001500": "f"}},
		{"quiet link: the tick closes a due file, the next byte opens one", LogCycle{Hour: NoClock, Minute: 0},
			[]step{{"2026-11-21 10:30:00", "a"}, {"2026-11-21 10:59:59", "."}, {"2026-11-21 11:00:00", "."}, {"2026-11-21 11:30:00", "b"}},
			map[string]string{"20261121T103000": "a", "20261121T113000": "b"}},
		{"nil time, nil hour and minute: size only", LogCycle{Hour: NoClock, Minute: NoClock, Size: 3},
			[]step{{"2026-11-21 10:00:00", "a"}, {"2026-11-23 10:00:00", "b"}, {"2026-11-25 10:00:00", "c"}, {"2026-11-25 10:00:01", "d"}},
			map[string]string{"20261121T100000": "abc", "20261125T100001": "d"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			var now time.Time
			l, err := openStreamLog(dir, "L", tc.cycle, func() time.Time { return now }, false)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tc.steps {
				if now, err = time.Parse(time.DateTime, s.at); err != nil {
					t.Fatal(err)
				}
				if s.put == "." {
					l.flushDue()
				} else {
					l.Write([]byte(s.put))
				}
			}
			if err := l.Close(); err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			names, _ := filepath.Glob(filepath.Join(dir, "*"))
			sort.Strings(names)
			for _, n := range names {
				b, _ := os.ReadFile(n)
				base := filepath.Base(n)
				if !strings.HasSuffix(base, ".000000000Z_L_write.bin") {
					t.Fatalf("file name %q", base)
				}
				got[strings.TrimSuffix(base, ".000000000Z_L_write.bin")] = string(b)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Fatalf("files (-want +got):\n%s", diff)
			}
		})
	}
}

// TestStreamLogTickCompletesFile: the tick that closes a due file leaves it
// complete on disk before any more traffic, and a tick before the cycle
// time flushes without closing.
func TestStreamLogTickCompletesFile(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 11, 21, 2, 59, 0, 0, time.UTC)
	l, err := openStreamLog(dir, "L", LogCycle{Hour: 3, Minute: 0}, func() time.Time { return now }, false)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	l.Read([]byte("tlm"))
	file := filepath.Join(dir, "20261121T025900.000000000Z_L_read.bin")
	l.flushDue()
	if b, _ := os.ReadFile(file); string(b) != "tlm" || l.read.f == nil {
		t.Fatalf("before 03:00: %q on disk, open %v; want flushed and still open", b, l.read.f != nil)
	}
	now = now.Add(time.Minute)
	l.flushDue()
	if l.read.f != nil {
		t.Fatal("file still open at its cycle time")
	}
}

// TestStreamLogBadCycle: hour and minute out of range, or an hour without a
// minute, are refused when the cycle time is nil.
func TestStreamLogBadCycle(t *testing.T) {
	for _, c := range []LogCycle{{Hour: 24, Minute: 0}, {Hour: 1, Minute: 60}, {Hour: 3, Minute: NoClock}, {Hour: -2, Minute: 0}, {Time: -time.Second}} {
		if _, err := OpenStreamLog(t.TempDir(), "L", c); err == nil {
			t.Errorf("%+v accepted", c)
		}
	}
}
