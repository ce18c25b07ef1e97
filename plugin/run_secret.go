package plugin

import (
	"strings"

	"github.com/c3kit/c3kit/internal/cliutil"
)

// EncryptionKeyEnv is where c3frame encryption finds its key when no KEY
// is given (docs/c3frame-guide.md, "encryption").
const EncryptionKeyEnv = "C3KIT_ENCRYPTION_KEY"

// hideKey moves the KEY of a `c3frame encryption KEY [ALLOW_EMPTY]` stage
// out of its arguments into its environment, so a run never shows the
// key in ps (the printed pipeline pastes it, as the plugin.txt does). A
// positional ALLOW_EMPTY that would slide into KEY's place becomes
// --allow-empty. Other stages are returned as they are, env nil.
func hideKey(st Stage) (args []string, env []string) {
	if len(st) < 3 || st[0] != "c3frame" || st[1] != "encryption" || strings.HasPrefix(st[2], "-") {
		return st[1:], nil
	}
	args = []string{st[1]}
	rest := st[3:]
	if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		if !cliutil.IsNil(rest[0]) {
			args = append(args, "--allow-empty="+strings.ToLower(rest[0]))
		}
		rest = rest[1:]
	}
	return append(args, rest...), []string{EncryptionKeyEnv + "=" + st[2]}
}
