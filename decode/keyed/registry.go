package keyed

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"
)

// Factory builds a Codec from the arguments that follow the class on the
// definition's ACCESSOR line and the packet's TEMPLATE / TEMPLATE_FILE
// contents (nil when the packet has none; the Template accessor needs it,
// the others may use it as the document to write into).
type Factory func(args []string, template []byte) (Codec, error)

var (
	mu        sync.RWMutex
	factories = map[string]Factory{}
	display   = map[string]string{}
)

// Register makes an accessor known under its COSMOS class name (e.g.
// "JsonAccessor"). Every spelling a plugin may use finds it: the class
// name, the Ruby file (json_accessor.rb), the Python module path
// (openc3/accessors/json_accessor.py), in any case. Accessor packages call
// it from init.
func Register(class string, f Factory) {
	mu.Lock()
	defer mu.Unlock()
	k := Canonical(class)
	factories[k] = f
	display[k] = class
}

// Canonical reduces any spelling of an accessor class to one key:
// "openc3/accessors/json_accessor.py", "json_accessor.rb" and
// "JsonAccessor" and "OpenC3::JsonAccessor" all give "jsonaccessor".
func Canonical(class string) string {
	c := path.Base(strings.ReplaceAll(class, "\\", "/"))
	if i := strings.LastIndex(c, "::"); i >= 0 { // Ruby's OpenC3::JsonAccessor
		c = c[i+2:]
	}
	if i := strings.LastIndexByte(c, '.'); i > 0 {
		c = c[:i]
	}
	c = strings.ReplaceAll(c, "_", "")
	return strings.ToLower(c)
}

// Lookup builds the codec for an ACCESSOR line. An unknown class is an
// error listing the known ones.
func Lookup(class string, args []string, template []byte) (Codec, error) {
	mu.RLock()
	f, ok := factories[Canonical(class)]
	mu.RUnlock()
	if !ok {
		return nil, fmt.Errorf("accessor %s is not one c3kit has (known: %s)", class, strings.Join(Known(), ", "))
	}
	return f(args, template)
}

// Known lists the registered class names, sorted.
func Known() []string {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]string, 0, len(display))
	for _, n := range display {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
