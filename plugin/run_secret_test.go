package plugin

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestHideKey(t *testing.T) {
	const key = "2B7E151628AED2A6ABF7158809CF4F3C2B7E151628AED2A6ABF7158809CF4F3C"
	cases := []struct {
		name      string
		st        Stage
		args, env []string
	}{
		{"read", Stage{"c3frame", "encryption", key}, []string{"encryption"}, []string{"C3KIT_ENCRYPTION_KEY=" + key}},
		{"write", Stage{"c3frame", "encryption", key, "--write"}, []string{"encryption", "--write"}, []string{"C3KIT_ENCRYPTION_KEY=" + key}},
		{"allow empty", Stage{"c3frame", "encryption", key, "TRUE", "--write"}, []string{"encryption", "--allow-empty=true", "--write"}, []string{"C3KIT_ENCRYPTION_KEY=" + key}},
		{"allow empty nil", Stage{"c3frame", "encryption", key, "nil"}, []string{"encryption"}, []string{"C3KIT_ENCRYPTION_KEY=" + key}},
		{"key from a file already", Stage{"c3frame", "encryption", "--key-file", "k"}, []string{"encryption", "--key-file", "k"}, nil},
		{"other stage", Stage{"c3frame", "length", "0", "32"}, []string{"length", "0", "32"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args, env := hideKey(c.st)
			if diff := cmp.Diff(c.args, args); diff != "" {
				t.Errorf("args (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(c.env, env); diff != "" {
				t.Errorf("env (-want +got):\n%s", diff)
			}
		})
	}
}
