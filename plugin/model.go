package plugin

import "fmt"

// Error is a plugin.txt error naming the file and line at fault.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

func errAt(file string, line int, format string, a ...any) *Error {
	return &Error{File: file, Line: line, Msg: fmt.Sprintf(format, a...)}
}

// Plugin is what a plugin.txt declares, after ERB.
type Plugin struct {
	Path      string     // the plugin.txt read
	Dir       string     // its folder: targets/ lives here
	Variables []Variable // in file order
	Targets   []Target
	Links     []*Link // INTERFACE and ROUTER, in file order
}

// Variable is a VARIABLE line and the value it took.
type Variable struct {
	Name, Default, Value string
}

// Target is a TARGET line: the folder under targets/ and the target's name.
type Target struct {
	Folder, Name string
	Line         int
}

// Where is a place in the plugin.txt (after ERB: a line of the file).
type Where struct {
	File string
	Line int
}

func (w Where) errf(format string, a ...any) *Error { return errAt(w.File, w.Line, format, a...) }

// Link is an INTERFACE or ROUTER with its modifiers.
type Link struct {
	Where
	Keyword string   // INTERFACE or ROUTER
	Name    string   // INST_INT
	Class   string   // as written: tcpip_client_interface.rb, openc3/interfaces/..., TcpipClientInterface
	Params  []string // the interface's own parameters (before any inline protocol)

	Protocols []Protocol // inline first (READ_WRITE), then PROTOCOL lines, as listed
	Options   []Option
	Modifiers []Modifier // RECONNECT_DELAY, DONT_RECONNECT, LOG_STREAM, ... in file order

	MapTarget, MapCmd, MapTlm []string // MAP_TARGET, MAP_CMD_TARGET, MAP_TLM_TARGET
	Routes                    []string // ROUTE (routers)
}

// Protocol is an inline protocol or a PROTOCOL line.
type Protocol struct {
	Where
	Dir    string // READ, WRITE or READ_WRITE
	Class  string // as written: LENGTH, LengthProtocol, length_protocol.rb, ...
	Params []string
	Inline bool
}

// Option is an OPTION line.
type Option struct {
	Where
	Name   string
	Params []string
}

// Modifier is any other keyword under an INTERFACE or ROUTER.
type Modifier struct {
	Where
	Keyword string
	Params  []string
}

// Link returns the INTERFACE or ROUTER of that name (any case), or nil.
func (p *Plugin) Link(name string) *Link {
	for _, l := range p.Links {
		if equalFold(l.Name, name) {
			return l
		}
	}
	return nil
}

// Target returns the TARGET of that name, or nil.
func (p *Plugin) Target(name string) *Target {
	for i := range p.Targets {
		if equalFold(p.Targets[i].Name, name) {
			return &p.Targets[i]
		}
	}
	return nil
}
