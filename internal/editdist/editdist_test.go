package editdist

import "testing"

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		d    int
	}{
		{"length", "length", 0}, {"lenght", "length", 1}, {"lengt", "length", 1}, {"", "abc", 3},
		{"tcp", "tcpclient", 6}, {"HEALTHSTATUS", "HEALTH_STATUS", 1}, {"abc", "", 3}, {"ab", "ba", 1},
	} {
		if got := Distance(tc.a, tc.b); got != tc.d {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.d)
		}
	}
}
