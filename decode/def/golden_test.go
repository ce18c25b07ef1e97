package def

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/c3kit/c3kit/internal/testutil"
)

// dumpValue renders the model as plain JSON data: exported non-zero fields
// only, enums by name (anything with a String method), Values in their
// definition-file spelling.
func dumpValue(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	if v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		return dumpValue(v.Elem())
	}
	if v.Type() == reflect.TypeOf(Value{}) {
		val := v.Interface().(Value)
		return val.String()
	}
	if s, ok := v.Interface().(fmt.Stringer); ok && v.Kind() == reflect.Uint8 {
		return s.String()
	}
	switch v.Kind() {
	case reflect.Struct:
		out := map[string]any{}
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if !f.IsExported() || v.Field(i).IsZero() {
				continue
			}
			if f.Name == "Sorted" || f.Name == "IDItems" {
				// the items themselves are dumped once, under Items
				var names []string
				for _, it := range v.Field(i).Interface().([]*Item) {
					names = append(names, it.Name)
				}
				out[f.Name] = names
				continue
			}
			out[f.Name] = dumpValue(v.Field(i))
		}
		return out
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return fmt.Sprintf("%x", v.Bytes())
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = dumpValue(v.Index(i))
		}
		return out
	case reflect.Map:
		out := map[string]any{}
		for _, k := range v.MapKeys() {
			out[fmt.Sprint(k.Interface())] = dumpValue(v.MapIndex(k))
		}
		return out
	}
	return v.Interface()
}

// dumpTarget renders a target with paths relative to root, as items in
// definition order prove the loader keeps it.
func dumpTarget(t *Target, root string) ([]byte, error) {
	d := dumpValue(reflect.ValueOf(t))
	b, err := json.MarshalIndent(d, "", " ")
	if err != nil {
		return nil, err
	}
	b = bytes.ReplaceAll(b, []byte(root+"/"), nil)
	return append(b, '\n'), nil
}

const targetsDir = "../../testdata/targets"

// TestGoldenTargets loads every real test target and compares the model
// with testdata/golden/NAME.json (go test -run Golden -update rewrites).
func TestGoldenTargets(t *testing.T) {
	set, err := Load([]string{targetsDir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Targets) == 0 {
		t.Fatal("no targets loaded")
	}
	// the set-level parts: limits groups and the warnings COSMOS would log
	setView := struct {
		LimitsGroups []*LimitsGroup
		Warnings     []string
	}{set.LimitsGroups, set.Warnings}
	b, err := json.MarshalIndent(dumpValue(reflect.ValueOf(setView)), "", " ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(bytes.ReplaceAll(b, []byte(filepath.Clean(targetsDir)+"/"), nil), '\n')
	checkGolden(t, "SET", b)
	for _, tg := range set.Targets {
		got, err := dumpTarget(tg, filepath.Clean(targetsDir))
		if err != nil {
			t.Fatal(err)
		}
		checkGolden(t, tg.Name, got)
	}
}

// checkGolden compares got with testdata/golden/NAME.json (or rewrites it
// with -update).
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	testutil.Golden(t, filepath.Join("testdata", "golden", name+".json"), got)
}

// TestGoldenDocExamples loads the example files of the COSMOS command and
// telemetry references verbatim (testdata/docs/TARGET).
func TestGoldenDocExamples(t *testing.T) {
	set, err := Load([]string{filepath.Join("testdata", "docs")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tg := set.Target("TARGET")
	if tg == nil || len(tg.Commands) != 3 || len(tg.Telemetry) != 1 {
		t.Fatalf("doc examples: %+v", tg)
	}
	got, err := dumpTarget(tg, filepath.Join("testdata", "docs"))
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "docs_TARGET", got)
}
