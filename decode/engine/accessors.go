package engine

// Every key-based accessor c3kit has registers itself with decode/keyed
// from its package's init; linking the engine links them all.
import _ "github.com/c3kit/c3kit/decode/accessor/all"
