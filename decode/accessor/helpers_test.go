package accessor

import (
	"fmt"
	"math"
)

var (
	posInf  = math.Inf(1)
	negInf  = math.Inf(-1)
	negZero = math.Copysign(0, -1)
	nan     = math.NaN()
)

func signbit(f float64) bool { return math.Signbit(f) }

func hexs(v any) string {
	switch x := v.(type) {
	case []byte:
		return fmt.Sprintf("%x", x)
	case string:
		return x
	}
	return fmt.Sprint(v)
}
