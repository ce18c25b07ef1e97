package def

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Load reads definitions. Each path is one of:
//   - a target folder (it has a cmd_tlm folder): loaded as COSMOS does,
//     every cmd_tlm/**/*.txt in sorted order (files starting with _ are
//     partials, only rendered), or the COMMANDS/TELEMETRY files its
//     target.txt lists, in that order. Its name is the folder's name, or
//     Options.Target.
//   - a folder of target folders (targets/): every target in it, sorted
//     by name; with Options.Target only that one.
//   - a cmd_tlm folder: its target folder.
//   - a definition file: loaded into Options.Target, or, when the file
//     sits in NAME/cmd_tlm/, into NAME.
//
// The first error stops loading and is returned as an *Error naming the
// file, line and keyword.
func Load(paths []string, opts Options) (*Set, error) {
	l := &loader{set: &Set{targets: map[string]*Target{}}, opts: opts, reported: map[string]bool{}}
	if len(paths) == 0 {
		return nil, &Error{Msg: "no definition paths given"}
	}
	for _, path := range paths {
		if err := l.loadPath(path); err != nil {
			return nil, err
		}
	}
	l.set.buildIndex()
	return l.set, nil
}

// LoadText parses definition text as one file of target (for tests, and
// for tools that hold definitions in memory). Partials are looked up next
// to name.
func LoadText(name, text string, opts Options) (*Set, error) {
	target := opts.Target
	if target == "" {
		return nil, &Error{File: name, Msg: "a target name is needed (Options.Target)"}
	}
	l := &loader{set: &Set{targets: map[string]*Target{}}, opts: opts, reported: map[string]bool{}}
	t := l.target(upper(target), "")
	if err := l.loadText(t, name, text); err != nil {
		return nil, err
	}
	l.set.buildIndex()
	return l.set, nil
}

type loader struct {
	set      *Set
	opts     Options
	reported map[string]bool // server-only keywords already reported
	// warnedOnce keeps a packet selected again (SELECT_*) from repeating
	// its warnings
	warnedOnce map[any]bool
}

// warnOnce warns about key (a packet or conversion) only the first time.
func (l *loader) warnOnce(key any, file string, line int, msg string) {
	if l.warnedOnce == nil {
		l.warnedOnce = map[any]bool{}
	}
	if !l.warnedOnce[key] {
		l.warnedOnce[key] = true
		l.warn(file, line, msg)
	}
}

func (l *loader) warn(file string, line int, msg string) {
	l.set.Warnings = append(l.set.Warnings, fmt.Sprintf("%s:%d: %s", file, line, msg))
	if l.opts.Verbose != nil {
		l.opts.Verbose(file, line, msg)
	}
}

// serverOnly reports, once per keyword and Load (at its first use), a
// keyword kept only as metadata.
func (l *loader) serverOnly(st stmt) {
	if l.reported[st.keyword] {
		return
	}
	l.reported[st.keyword] = true
	if l.opts.Verbose != nil {
		l.opts.Verbose(st.file, st.line, st.keyword+" only matters to a COSMOS server; kept as metadata")
	}
}

func (l *loader) target(name, dir string) *Target {
	if t := l.set.targets[name]; t != nil {
		return t
	}
	t := &Target{Name: name, Dir: dir}
	t.byName[Command] = map[string]*Packet{}
	t.byName[Telemetry] = map[string]*Packet{}
	l.set.targets[name] = t
	l.set.Targets = append(l.set.Targets, t)
	return t
}

// register adds a finished packet to its target, replacing a redefined one
// in place.
func (l *loader) register(p *Packet) {
	t := l.target(p.Target, "")
	m := t.byName[p.Kind]
	list := &t.Telemetry
	if p.Kind == Command {
		list = &t.Commands
	}
	if old, ok := m[p.Name]; ok {
		for i, x := range *list {
			if x == old {
				(*list)[i] = p
			}
		}
	} else {
		*list = append(*list, p)
	}
	m[p.Name] = p
	if !p.Virtual && len(p.IDItems) > 0 && !identifiable(p) && !p.keyedLayout() {
		l.warnOnce(p, p.File, p.Line, fmt.Sprintf("%s %s %s: identification by its accessor or ID item types is not supported; it will not be identified", p.Kind, p.Target, p.Name))
	}
	if len(p.IDItems) == 0 && !p.CatchAll && !p.Virtual {
		l.warnOnce(p, p.File, p.Line, fmt.Sprintf("%s %s %s has no ID items: it matches every buffer (add CATCHALL if intended)", p.Kind, p.Target, p.Name))
	}
}

func (l *loader) loadPath(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return &Error{File: path, Msg: err.Error()}
	}
	if !info.IsDir() {
		return l.loadSingleFile(path)
	}
	if filepath.Base(filepath.Clean(path)) == "cmd_tlm" {
		return l.loadTargetDir(filepath.Dir(filepath.Clean(path)))
	}
	if isDir(filepath.Join(path, "cmd_tlm")) {
		return l.loadTargetDir(path)
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return &Error{File: path, Msg: err.Error()}
	}
	var found []string
	for _, e := range entries {
		if e.IsDir() && isDir(filepath.Join(path, e.Name(), "cmd_tlm")) {
			found = append(found, e.Name())
		}
	}
	sort.Strings(found)
	if len(found) == 0 {
		return &Error{File: path, Msg: "no cmd_tlm folder here and no target folders (NAME/cmd_tlm) under it"}
	}
	if l.opts.Target != "" {
		for _, name := range found {
			if strings.EqualFold(name, l.opts.Target) {
				return l.loadTargetDir(filepath.Join(path, name))
			}
		}
		return &Error{File: path, Msg: fmt.Sprintf("no target %s here (have %s)", l.opts.Target, strings.Join(found, ", "))}
	}
	for _, name := range found {
		if err := l.loadTargetDir(filepath.Join(path, name)); err != nil {
			return err
		}
	}
	return nil
}

func isDir(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}

func (l *loader) loadSingleFile(path string) error {
	if strings.HasPrefix(filepath.Base(path), "_") {
		return &Error{File: path, Msg: "is a partial (its name starts with _): load the file that renders it"}
	}
	name := l.opts.Target
	if name == "" {
		dir := filepath.Dir(path)
		if filepath.Base(dir) == "cmd_tlm" {
			name = filepath.Base(filepath.Dir(dir))
		}
	}
	if name == "" {
		return &Error{File: path, Msg: "a single definition file needs a target name (--target NAME)"}
	}
	t := l.target(upper(name), "")
	return l.loadFile(t, path)
}

// loadTargetDir loads a target folder in COSMOS's order.
func (l *loader) loadTargetDir(dir string) error {
	name := l.opts.Target
	if name == "" {
		name = filepath.Base(filepath.Clean(dir))
	}
	t := l.target(upper(name), dir)
	files, err := l.targetFiles(t, dir)
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := l.loadFile(t, f); err != nil {
			return err
		}
	}
	return nil
}

// targetFiles reads target.txt (COMMANDS, TELEMETRY, *_UNIQUE_ID_MODE,
// IGNORE_*) and lists the definition files to process.
func (l *loader) targetFiles(t *Target, dir string) ([]string, error) {
	var listed []string
	txt := filepath.Join(dir, "target.txt")
	if data, err := os.ReadFile(txt); err == nil {
		if err := checkUTF8(txt, string(data)); err != nil {
			return nil, err
		}
		lines, err := l.expand(t, txt, string(data))
		if err != nil {
			return nil, err
		}
		for _, st := range joinLines(lines) {
			fp := &fileParser{l: l, target: t, file: txt}
			one := func(usage string) error { return fp.nargs(st, 1, 1, usage) }
			switch st.keyword {
			case "":
			case "COMMANDS", "TELEMETRY":
				if err := one(st.keyword + " <FILENAME>"); err != nil {
					return nil, err
				}
				f := filepath.Join(dir, "cmd_tlm", st.params[0])
				if _, err := os.Stat(f); err != nil {
					return nil, fp.errf(st, "%s not found", f)
				}
				listed = append(listed, f)
			case "CMD_UNIQUE_ID_MODE", "TLM_UNIQUE_ID_MODE":
				if err := fp.nargs(st, 0, 0, st.keyword); err != nil {
					return nil, err
				}
				if st.keyword == "CMD_UNIQUE_ID_MODE" {
					t.CmdUniqueIDMode = true
				} else {
					t.TlmUniqueIDMode = true
				}
			case "IGNORE_PARAMETER", "IGNORE_ITEM":
				if err := one(st.keyword + " <NAME>"); err != nil {
					return nil, err
				}
				l.serverOnly(st)
				if st.keyword == "IGNORE_PARAMETER" {
					t.IgnoredParameters = append(t.IgnoredParameters, upper(st.params[0]))
				} else {
					t.IgnoredItems = append(t.IgnoredItems, upper(st.params[0]))
				}
			case "REQUIRE", "LANGUAGE":
				l.serverOnly(st)
			default:
				return nil, fp.errf(st, "unknown keyword '%s'", st.keyword)
			}
		}
	} else if !os.IsNotExist(err) {
		return nil, &Error{File: txt, Msg: err.Error()}
	}
	if len(listed) > 0 {
		return listed, nil
	}
	var files []string
	root := filepath.Join(dir, "cmd_tlm")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".txt":
			files = append(files, p)
		case ".xtce", ".xml":
			if strings.HasPrefix(d.Name(), "_") {
				return nil // a TEMPLATE_FILE (_template.xml), not definitions
			}
			return &Error{File: p, Msg: "XTCE definitions are not supported; convert them to COSMOS text definitions"}
		}
		return nil
	})
	if err != nil {
		if e, ok := err.(*Error); ok {
			return nil, e
		}
		return nil, &Error{File: root, Msg: err.Error()}
	}
	// COSMOS sorts the full paths byte-wise: capitals before lower case.
	sort.Strings(files)
	return files, nil
}

// loadFile processes one definition file (partials are skipped: they are
// only rendered).
func (l *loader) loadFile(t *Target, path string) error {
	if strings.HasPrefix(filepath.Base(path), "_") {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return &Error{File: path, Msg: err.Error()}
	}
	return l.loadText(t, path, string(data))
}

func (l *loader) loadText(t *Target, path, text string) error {
	t.Files = append(t.Files, path)
	text = strings.TrimPrefix(text, "\ufeff") // a UTF-8 byte order mark
	if err := checkUTF8(path, text); err != nil {
		return err
	}
	lines, err := l.expand(t, path, text)
	if err != nil {
		return err
	}
	fp := &fileParser{l: l, target: t, file: path, dir: filepath.Dir(path)}
	return fp.process(joinLines(lines))
}

// Target returns the target called name (case-insensitive), or nil.
func (s *Set) Target(name string) *Target { return s.targets[upper(name)] }

// Packet returns a packet by target, name and kind (case-insensitive), or
// nil.
func (s *Set) Packet(target, name string, kind Kind) *Packet {
	t := s.targets[upper(target)]
	if t == nil {
		return nil
	}
	return t.byName[kind][upper(name)]
}
