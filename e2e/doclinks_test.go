package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// TestDocsLinks keeps README.md and docs/*.md pointing only at what is in
// the clone: every relative link names a file that exists and, with a
// #fragment, a heading of that file; every repository path quoted in a code
// span (`scripts/bench.d/resync.sh`) exists; and no file names DESIGN.md,
// which lives outside the repository.
func TestDocsLinks(t *testing.T) {
	files, _ := filepath.Glob("../docs/*.md")
	files = append(files, "../README.md")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		name := strings.TrimPrefix(f, "../")
		if strings.Contains(text, "DESIGN.md") {
			t.Errorf("%s names DESIGN.md, which is not in the clone: say \"the design contract (kept beside the repository)\"", name)
		}
		prose := stripFences(text)
		for _, m := range mdLink.FindAllStringSubmatch(prose, -1) {
			checkLink(t, name, f, m[1])
		}
		for _, m := range codeSpan.FindAllStringSubmatch(prose, -1) {
			p := strings.TrimSuffix(m[1], "/")
			if strings.ContainsAny(p, "*<>") || !repoPath.MatchString(p) {
				continue
			}
			if _, err := os.Stat(filepath.Join("..", p)); err != nil {
				t.Errorf("%s quotes `%s`, which is not in the repository", name, m[1])
			}
		}
	}
}

var (
	mdLink   = regexp.MustCompile(`\]\(([^)\s]+)\)`)
	codeSpan = regexp.MustCompile("`([^`\\s]+)`")
	repoPath = regexp.MustCompile(`^(cmd|decode|docs|e2e|frame|internal|link|scripts|testdata)/[\w./-]+$`)
)

// checkLink checks one relative link of file (path from e2e/).
func checkLink(t *testing.T, name, file, target string) {
	t.Helper()
	if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
		return
	}
	path, frag, _ := strings.Cut(target, "#")
	dest := file
	if path != "" {
		dest = filepath.Join(filepath.Dir(file), path)
	}
	b, err := os.ReadFile(dest)
	if err != nil {
		if path != "" {
			if _, serr := os.Stat(dest); serr == nil {
				return // a folder
			}
		}
		t.Errorf("%s links to %s, which is not in the clone", name, target)
		return
	}
	if frag == "" {
		return
	}
	if !headingSlugs(string(b))[frag] {
		t.Errorf("%s links to %s: no heading with that anchor", name, target)
	}
}

// headingSlugs are the anchors GitHub gives a markdown file's headings:
// lower case, punctuation dropped, spaces as hyphens, repeats numbered.
func headingSlugs(text string) map[string]bool {
	slugs := map[string]bool{}
	seen := map[string]int{}
	for _, l := range strings.Split(stripFences(text), "\n") {
		if !strings.HasPrefix(l, "#") {
			continue
		}
		h := strings.TrimSpace(strings.TrimLeft(l, "#"))
		var s strings.Builder
		for _, r := range strings.ToLower(h) {
			switch {
			case r == ' ':
				s.WriteByte('-')
			case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
				s.WriteRune(r)
			}
		}
		slug := s.String()
		if n := seen[slug]; n > 0 {
			seen[slug]++
			slug += "-" + strconv.Itoa(n)
		} else {
			seen[slug] = 1
		}
		slugs[slug] = true
	}
	return slugs
}

// stripFences blanks fenced code blocks, whose lines are neither headings
// nor links.
func stripFences(text string) string {
	lines := strings.Split(text, "\n")
	in := false
	for i, l := range lines {
		if strings.HasPrefix(l, "```") {
			in = !in
			lines[i] = ""
			continue
		}
		if in {
			lines[i] = ""
		}
	}
	return strings.Join(lines, "\n")
}
