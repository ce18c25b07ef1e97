package xpathkey

import (
	"strings"
	"sync"
	"testing"

	"github.com/antchfx/xmlquery"
)

func TestCompileWriteTargets(t *testing.T) {
	for _, tc := range []struct {
		src, parent, attr string
		text              bool
	}{
		{"/a/b/text()", "/a/b", "", true},
		{"/a/b/@id", "/a/b", "id", false},
		{"/a/b/@p:id", "/a/b", "p:id", false},
		{"/a/b/@*", "", "", false},
		{"//li[1]", "", "", false},
		{"count(//li)", "", "", false},
		{"text()", "", "", false},
	} {
		k, err := Compile(tc.src)
		if err != nil {
			t.Fatal(err)
		}
		parent := ""
		if k.parent != nil {
			parent = k.parent.Src
		}
		if parent != tc.parent || k.attr != tc.attr || k.text != tc.text {
			t.Errorf("Compile(%q): parent %q attr %q text %v", tc.src, parent, k.attr, k.text)
		}
	}
	if _, err := Compile("/a/["); err == nil || !strings.Contains(err.Error(), `"/a/["`) {
		t.Errorf("bad XPath error = %v", err)
	}
}

func TestWalkDepth(t *testing.T) {
	doc, err := xmlquery.Parse(strings.NewReader("<a><b><c/></b><d/></a>"))
	if err != nil {
		t.Fatal(err)
	}
	max, n := 0, 0
	err = Walk(doc,
		func(n *xmlquery.Node) *xmlquery.Node { return n.FirstChild },
		func(n *xmlquery.Node) *xmlquery.Node { return n.NextSibling },
		func(n *xmlquery.Node) *xmlquery.Node { return n.Parent },
		func(_ *xmlquery.Node, d int) error {
			n++
			if d > max {
				max = d
			}
			return nil
		})
	// declaration + a, b, c, d; c is three deep
	if err != nil || max != 3 || n != 5 {
		t.Errorf("Walk: max depth %d, %d nodes, %v", max, n, err)
	}
}

// TestEvalConcurrent: one compiled key evaluated from many goroutines (run
// with -race): scalar results share state inside the compiled expression.
func TestEvalConcurrent(t *testing.T) {
	k, _ := Compile("normalize-space(//b)")
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			doc, _ := xmlquery.Parse(strings.NewReader("<a><b> x  y </b></a>"))
			for j := 0; j < 200; j++ {
				if _, v, ok := k.Eval(xmlquery.CreateXPathNavigator(doc)); !ok || v != "x y" {
					t.Errorf("Eval = %#v", v)
					return
				}
			}
		}()
	}
	wg.Wait()
}
