package convert

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

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
	const golden = "testdata/bodies.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run TestGoldenTranslation -update)", err)
	}
	if string(want) != out.String() {
		t.Errorf("%s differs; got:\n%s", golden, out.String())
	}
}
