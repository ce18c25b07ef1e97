// Package timetext formats the two time layouts c3kit prints on every
// packet (COSMOS's formatted time and RFC 3339 with nanoseconds) byte for
// byte as time.Time.AppendFormat does, with integer arithmetic instead of
// interpreting a layout. On COSMOS's HEALTH_STATUS, AppendFormat was a
// tenth of the JSON decode time: three times per packet.
package timetext

import "time"

const (
	cosmosLayout = "2006/01/02 15:04:05.000"
	// maxSeconds is 10000-01-01T00:00:00Z: later times, like those before
	// 1970, go to AppendFormat, which has the rules for them.
	maxSeconds = 253402300800
)

// Cosmos appends t in UTC as COSMOS's Time#formatted shows it:
// 2006/01/02 15:04:05.000 (milliseconds truncated).
func Cosmos(dst []byte, t time.Time) []byte {
	sec := t.Unix()
	if sec < 0 || sec >= maxSeconds {
		return t.UTC().AppendFormat(dst, cosmosLayout)
	}
	dst = appendFields(dst, sec, '/', ' ')
	ms := t.Nanosecond() / 1e6
	return append(dst, '.', byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10))
}

// RFC3339Nano appends t in UTC as time.RFC3339Nano: fraction digits
// without trailing zeros, none for a whole second, and Z.
func RFC3339Nano(dst []byte, t time.Time) []byte {
	sec := t.Unix()
	if sec < 0 || sec >= maxSeconds {
		return t.UTC().AppendFormat(dst, time.RFC3339Nano)
	}
	dst = appendFields(dst, sec, '-', 'T')
	if ns := t.Nanosecond(); ns != 0 {
		var frac [10]byte
		frac[0] = '.'
		for i := 9; i > 0; i-- {
			frac[i] = byte('0' + ns%10)
			ns /= 10
		}
		n := 10
		for frac[n-1] == '0' {
			n--
		}
		dst = append(dst, frac[:n]...)
	}
	return append(dst, 'Z')
}

// appendFields appends YYYY<sep>MM<sep>DD<mid>hh:mm:ss for sec >= 0 Unix
// seconds, converting days to a civil date with the era arithmetic of the
// proleptic Gregorian calendar (eras of 400 years, March-based years so
// the leap day comes last).
func appendFields(dst []byte, sec int64, sep, mid byte) []byte {
	days, rem := sec/86400, sec%86400
	z := days + 719468 // days from 0000-03-01
	era := z / 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	year := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day := doy - (153*mp+2)/5 + 1
	month := mp + 3
	if mp >= 10 {
		month = mp - 9
		year++
	}
	h, m, s := rem/3600, rem/60%60, rem%60
	return append(dst,
		byte('0'+year/1000), byte('0'+year/100%10), byte('0'+year/10%10), byte('0'+year%10), sep,
		byte('0'+month/10), byte('0'+month%10), sep,
		byte('0'+day/10), byte('0'+day%10), mid,
		byte('0'+h/10), byte('0'+h%10), ':',
		byte('0'+m/10), byte('0'+m%10), ':',
		byte('0'+s/10), byte('0'+s%10))
}
