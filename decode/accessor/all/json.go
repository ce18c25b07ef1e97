// Package all links every key-based accessor into a binary: each file
// blank-imports one accessor package, whose init registers it with
// decode/keyed under every COSMOS spelling.
package all

import _ "github.com/c3kit/c3kit/decode/accessor/json"
