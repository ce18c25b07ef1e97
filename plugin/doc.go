// Package plugin reads a COSMOS plugin.txt the way COSMOS installs it
// (plugins.md): VARIABLE defaults, overridden by the caller's values, feed
// the ERB template (the same engine as the definition files); the result is
// read with COSMOS's configuration file rules; TARGET, INTERFACE, ROUTER and
// their modifiers become a model. Build turns one INTERFACE or ROUTER of
// that model into the equivalent c3kit pipeline: c3encode, the write
// protocols, c3link, the read protocols and c3decode, each stage an argv.
//
// The package never runs anything and never prints: cmd/c3link prints or
// runs the stages.
package plugin
