package plugin

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/internal/ruby"
)

// FuzzPlugin reads arbitrary plugin.txt text and builds every link: a
// model or an error naming the file, never a panic; every built pipeline
// has a c3link stage and formats to one line per stage.
func FuzzPlugin(f *testing.F) {
	defer ruby.SetLimits(1<<18, 1<<12)()
	for _, file := range []string{"testdata/demo/plugin.txt", "testdata/responses/plugin.txt"} {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(string(b))
		}
	}
	for _, s := range []string{
		"INTERFACE I tcpip_client_interface.rb h 1 1 10.0 nil LENGTH 0 16\n MAP_TARGET T\nTARGET T\n",
		"ROUTER R tcpip_server_interface.rb 1 1 1 nil\n ROUTE I\nINTERFACE I udp_interface.rb h 1 2\n",
		"VARIABLE a 1\n<% if a == '1' %>INTERFACE I serial_interface.rb a b 1 NONE 1 1 nil SLIP\n PROTOCOL WRITE CrcProtocol\n<% end %>\n",
		"INTERFACE I file_interface.rb nil /a /b 1 true FIXED 4 0 nil true\n LOG_STREAM 1 2 3 4\n OPTION X y\n",
		"TARGET T\nINTERFACE I tcpip_client_interface.rb h 1 1 5.0 nil TEMPLATE 0xA 0xA 0 nil 1 false 0 nil false 1 0.1 true\n MAP_TARGET T\n",
		"INTERFACE I tcpip_client_interface.rb h 1 1 5.0 nil\n PROTOCOL READ TerminatedProtocol 0x7C454E44 0x7C454E44 false 0\n PROTOCOL READ_WRITE CmdResponseProtocol 1 nil yes\n PROTOCOL READ_WRITE GemsProtocol\n SECRET ENV P V PASSWORD\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 1<<16 {
			return
		}
		p, err := Parse("p.txt", text, nil)
		if err != nil {
			var pe *Error
			var re *ruby.Error
			if !errors.As(err, &pe) && !errors.As(err, &re) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		for _, l := range p.Links {
			pl, err := p.Build(l.Name, Options{Encode: func([]Stage, string) ([]byte, error) { return []byte{1}, nil }})
			if err != nil {
				var pe *Error
				if !errors.As(err, &pe) || pe.File != "p.txt" {
					t.Fatalf("build error %T: %v", err, err)
				}
				continue
			}
			links := 0
			for _, st := range pl.Stages {
				if st[0] == "c3link" {
					links++
				}
			}
			if links == 0 || (pl.Loop && links != 2) {
				t.Fatalf("%d c3link stages in %q", links, pl.Stages)
			}
			out := pl.Format()
			if n := strings.Count(out, "\n  | "); n != len(pl.Stages)-1 {
				t.Fatalf("%d continuation lines for %d stages:\n%s", n, len(pl.Stages), out)
			}
		}
	})
}
