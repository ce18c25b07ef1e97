package plugin

import (
	"path"
	"strings"
	"unicode"
)

// className reduces any COSMOS spelling of an interface or protocol class to
// one key: tcpip_client_interface.rb, openc3/interfaces/tcpip_client_interface.py
// and TcpipClientInterface all give "tcpip_client"; LENGTH, LengthProtocol,
// length_protocol.rb and openc3/interfaces/protocols/length_protocol.py all
// give "length".
func className(s string) string {
	s = path.Base(strings.ReplaceAll(s, "\\", "/"))
	s = strings.TrimSuffix(strings.TrimSuffix(s, ".rb"), ".py")
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) && i > 0 && !unicode.IsUpper(rune(s[i-1])) && s[i-1] != '_' {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	k := b.String()
	k = strings.TrimSuffix(k, "_protocol")
	return strings.TrimSuffix(k, "_interface")
}

// linkClass is a COSMOS interface class c3link has a subcommand for.
type linkClass struct {
	sub string // c3link subcommand
	// params is how many parameters the class takes before its protocol
	// type (COSMOS's constructor order); required of them are mandatory.
	params, required int
	stream           bool // takes an inline protocol after params
	// writeIdx and readIdx are the parameters whose nil disables a
	// direction (-1: none does).
	writeIdx, readIdx int
}

// linkClasses maps className keys to c3link subcommands (interfaces.md).
var linkClasses = map[string]linkClass{
	"tcpip_client": {sub: "tcp-client", params: 5, required: 5, stream: true, writeIdx: 1, readIdx: 2},
	"tcpip_server": {sub: "tcp-server", params: 4, required: 4, stream: true, writeIdx: 0, readIdx: 1},
	"udp":          {sub: "udp", params: 8, required: 3, writeIdx: 1, readIdx: 2},
	"serial":       {sub: "serial", params: 7, required: 7, stream: true, writeIdx: 0, readIdx: 1},
	"file":         {sub: "file", params: 5, required: 3, stream: true, writeIdx: 0, readIdx: 1},
	"http_client":  {sub: "http-client", params: 7, required: 1, writeIdx: -1, readIdx: -1},
	"http_server":  {sub: "http-server", params: 1, required: 0, writeIdx: -1, readIdx: -1},
	"mqtt":         {sub: "mqtt", params: 3, required: 1, writeIdx: -1, readIdx: -1},
	"mqtt_stream":  {sub: "mqtt-stream", params: 5, required: 1, stream: true, writeIdx: 3, readIdx: 4},
}

// knownLinks lists, for error messages, the interface classes that have a
// c3link subcommand (all that c3kit maps when has is nil).
func knownLinks(has func(sub, flag string) bool) string {
	var n []string
	for _, k := range []string{"tcpip_client", "tcpip_server", "udp", "serial", "file", "http_client", "http_server", "mqtt", "mqtt_stream"} {
		if has == nil || has(linkClasses[k].sub, "") {
			n = append(n, k+"_interface")
		}
	}
	return strings.Join(n, ", ")
}

// protoKind says which c3kit stage carries a COSMOS protocol.
type protoKind int

const (
	protoFrame       protoKind = iota + 1 // a c3frame subcommand, params pasted
	protoCRC                              // c3crc verify (read) / add (write)
	protoIgnore                           // IgnorePacketProtocol: c3decode/c3encode --ignore
	protoTemplate                         // c3frame template both ways, pacing flags on c3link
	protoCmdResponse                      // pacing flags on c3link only
	protoGems                             // c3frame gems, absorbing its TerminatedProtocol
	protoMissing                          // a COSMOS protocol c3kit has no stage for
)

type protoClass struct {
	kind  protoKind
	stage string // c3frame subcommand
}

// protoClasses maps className keys to stages (protocols.md).
var protoClasses = map[string]protoClass{
	"burst":         {protoFrame, "burst"},
	"length":        {protoFrame, "length"},
	"terminated":    {protoFrame, "terminated"},
	"slip":          {protoFrame, "slip"},
	"cobs":          {protoFrame, "cobs"},
	"preidentified": {protoFrame, "preidentified"},
	"fixed":         {protoFrame, "fixed"},
	"crc":           {protoCRC, ""},
	"ignore_packet": {protoIgnore, ""},
	"template":      {protoTemplate, "template"},
	"cmd_response":  {protoCmdResponse, ""},
	"gems":          {protoGems, "gems"},
	"encryption":    {protoFrame, "encryption"}, // the demo's encryption_protocol.rb
	"ccsds_tmtf":    {protoFrame, "tmtf"},
	"ccsds_aos":     {protoFrame, "aos"},
	"ccsds_tctf":    {protoFrame, "tctf"},
	"ccsds_cltu":    {protoFrame, "cltu"},
	"override":      {protoMissing, ""},
}

// FrameStage returns the c3frame subcommand that does what an inline
// protocol word on an INTERFACE line (LENGTH, BURST, ...) does, "" when
// one c3frame stage cannot (TEMPLATE and CMD_RESPONSE also set c3link's
// pacing flags); ok is false when the word is no protocol.
func FrameStage(word string) (stage string, ok bool) {
	if !inlineProtocol(word) {
		return "", false
	}
	pc := protoClasses[className(word)]
	if pc.kind != protoFrame {
		return "", true
	}
	return pc.stage, true
}

// inlineProtocol reports whether a word on an INTERFACE line names a
// stream protocol (COSMOS: the word capitalized plus "Protocol").
func inlineProtocol(word string) bool {
	switch strings.ToUpper(word) {
	case "BURST", "FIXED", "LENGTH", "TERMINATED", "TEMPLATE", "PREIDENTIFIED", "SLIP", "COBS", "CMD_RESPONSE":
		return true
	}
	return false
}
