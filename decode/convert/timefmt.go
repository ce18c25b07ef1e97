package convert

import (
	"fmt"
	"github.com/c3kit/c3kit/internal/ruby"
	"math"
	"time"
)

// FormatTime is COSMOS's Time#formatted: "YYYY/MM/DD HH:MM:SS.sss" in UTC,
// milliseconds truncated.
func FormatTime(t time.Time) string {
	t = t.UTC()
	return fmt.Sprintf("%04d/%02d/%02d %02d:%02d:%02d.%03d",
		t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond()/1e6)
}

// TimeSeconds is Ruby's Time#to_f: seconds since the Unix epoch.
func TimeSeconds(t time.Time) float64 { return ruby.TimeSeconds(t) }

// unixTime is Ruby's Time.at(seconds, microseconds): either may be an
// integer or a float.
func unixTime(sec, usec any) (time.Time, error) {
	s, ok := anyNum(sec)
	var u Num
	if ok && usec != nil {
		if u, ok = anyNum(usec); !ok {
			return time.Time{}, errorf(ErrConvert, "microseconds value %v (%T) is not a time", usec, usec)
		}
	}
	t, bad := unixTimeNum(s, u, usec != nil)
	switch {
	case !ok || bad == badSeconds:
		return time.Time{}, errorf(ErrConvert, "seconds value %v (%T) is not a time", sec, sec)
	case bad == badMicros:
		return time.Time{}, errorf(ErrConvert, "microseconds value %v (%T) is not a time", usec, usec)
	}
	return t, nil
}

// anyNum is a boxed integer or float as a Num.
func anyNum(v any) (Num, bool) {
	if i, ok := ruby.AsInt(v); ok {
		return ruby.IntNum(i), true
	}
	if f, ok := ruby.AsFloat(v); ok {
		return ruby.FloatNum(f), true
	}
	return Num{}, false
}

const (
	timeOK = iota
	badSeconds
	badMicros
)

// unixTimeNum is Time.at on numbers: the one implementation behind the
// boxed conversion and the numeric path.
func unixTimeNum(sec, usec Num, hasUsec bool) (time.Time, int) {
	var t time.Time
	if !sec.IsFloat {
		t = time.Unix(sec.I, 0)
	} else if f := sec.F; !math.IsNaN(f) && !math.IsInf(f, 0) && math.Abs(f) < 1e11 {
		whole, frac := math.Modf(f)
		t = time.Unix(int64(whole), int64(math.Round(frac*1e9)))
	} else {
		return time.Time{}, badSeconds
	}
	if hasUsec {
		if !usec.IsFloat {
			t = t.Add(time.Duration(usec.I) * time.Microsecond)
		} else if f := usec.F; !math.IsNaN(f) && math.Abs(f) < 1e15 {
			t = t.Add(time.Duration(math.Round(f * 1e3)))
		} else {
			return time.Time{}, badMicros
		}
	}
	return t.UTC(), timeOK
}

// ccsds2mdy is COSMOS's Time.ccsds2mdy: CCSDS day (days since 1958-01-01),
// milliseconds of day and microseconds of millisecond to
// [year, month, day, hour, minute, second, microseconds].
func ccsds2mdy(day, ms, us int64) []any {
	t := time.Date(1958, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(day)).
		Add(time.Duration(ms)*time.Millisecond + time.Duration(us)*time.Microsecond)
	return []any{int64(t.Year()), int64(t.Month()), int64(t.Day()), int64(t.Hour()),
		int64(t.Minute()), int64(t.Second()), int64(t.Nanosecond() / 1000)}
}
