package plugin

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/internal/testutil"
)

// TestGoldenPipelines prints every INTERFACE and ROUTER of the demo-style
// plugin, with its defaults and with VARIABLEs overridden.
func TestGoldenPipelines(t *testing.T) {
	cases := []struct {
		dir, golden string
		vars        map[string]string
		links       []string
	}{
		{"demo", "defaults", nil, []string{"INST_INT", "INST2_INT", "UDP_INT", "FILE_INT", "INST_ROUTER", "EXAMPLE_INT"}},
		{"demo", "renamed", map[string]string{"inst_target_name": "PWR1", "inst2_target_name": "", "example_target_name": " ",
			"include_router": "false", "inst_port": "9100"}, []string{"PWR1_INT", "UDP_INT", "INST_ROUTER", "INST2_INT"}},
		// TEMPLATED and EXAMPLE as in COSMOS's demo, CmdResponse, GEMS, CCSDS.
		{"responses", "defaults", nil, []string{"TEMPLATED_INT", "EXAMPLE_INT", "SCPI_INT", "SCPI_SERIAL_INT", "GEMS_INT", "SC_INT",
			"HTTP_INT", "HTTP_SERVER_INT", "MQTT_INT", "MQTT_STREAM_INT"}},
		{"responses", "renamed", map[string]string{"templated_target_name": "PSU", "example_port": "7777", "scid": "0x2A"},
			[]string{"PSU_INT", "EXAMPLE_INT", "SC_INT"}},
	}
	for _, c := range cases {
		t.Run(c.dir+"/"+c.golden, func(t *testing.T) {
			p, err := Read(filepath.Join("testdata", c.dir, "plugin.txt"), c.vars)
			if err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			for _, name := range c.links {
				pl, err := p.Build(name, Options{TargetsDir: "targets", LinkArgs: []string{"--linger", "1"}})
				if err != nil {
					out.WriteString("error: " + err.Error() + "\n\n")
					continue
				}
				out.WriteString(pl.Format() + "\n")
			}
			testutil.Golden(t, filepath.Join("testdata", c.dir, c.golden+".golden"), []byte(out.String()))
		})
	}
}
