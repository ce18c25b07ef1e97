package convert

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/internal/testutil"
)

// TestGoldenTranslation pins the translation of real-world bodies to
// expr-lang, so that a change in the translator shows up in review.
func TestGoldenTranslation(t *testing.T) {
	src, err := os.ReadFile("testdata/bodies.txt")
	if err != nil {
		t.Fatal(err)
	}
	chunks := strings.Split(string(src), "\n----\n")
	var out strings.Builder
	for i, body := range chunks[1:] { // chunk 0 is the header comment
		body = strings.TrimSuffix(body, "\n")
		fmt.Fprintf(&out, "=== %d\n%s\n", i+1, body)
		c, err := Generic(body, 0, 0, false)
		if err != nil {
			fmt.Fprintf(&out, "--- error\n%v\n", err)
			continue
		}
		g := c.(*GenericConversion)
		fmt.Fprintf(&out, "--- %v\n%s\n", g.Language(), g.Program())
	}
	testutil.Golden(t, "testdata/bodies.golden", []byte(out.String()))
}
