package plugin

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// linkStage builds INTERFACE I of text (a plugin.txt beside
// testdata/responses/targets) with the flags c3link has, and returns its
// c3link stage and notes.
func linkStage(t *testing.T, text string, has func(sub, flag string) bool) (string, []string, error) {
	t.Helper()
	p, err := Parse("testdata/responses/p.txt", text, nil)
	if err != nil {
		t.Fatal(err)
	}
	pl, err := p.Build("I", Options{TargetsDir: "t", Has: has})
	if err != nil {
		return "", nil, err
	}
	for _, st := range pl.Stages {
		if st[0] == "c3link" {
			return strings.Join(st, " "), pl.Notes, nil
		}
	}
	t.Fatal("no c3link stage")
	return "", nil, nil
}

// mqttHas is c3link mqtt's flag set as far as these tests need it.
func mqttHas(sub, flag string) bool {
	switch flag {
	case "", "username", "password-env", "password-file", "ca-file", "cert", "key", "keyfile-password-env", "keyfile-password-file", "ack-timeout":
		return true
	}
	return false
}

func TestMQTTAndSecrets(t *testing.T) {
	const head = "TARGET IOT\nTARGET INST\nINTERFACE I mqtt_interface.rb broker 1883\n MAP_TARGET IOT\n"
	cases := []struct {
		name, lines string
		want        string
		notes       []string
	}{
		{"topics from the telemetry's META TOPIC and TOPICS", "",
			"c3link mqtt broker 1883 --name I --topic iot/alarms --topic iot/events --topic iot/status", nil},
		{"a target without topics adds none", " MAP_TLM_TARGET INST\n",
			"c3link mqtt broker 1883 --name I --topic iot/alarms --topic iot/events --topic iot/status", nil},
		{"SECRET ENV to a password", " SECRET ENV PASSWORD MQTT_PASSWORD PASSWORD\n",
			"c3link mqtt broker 1883 --name I --password-env MQTT_PASSWORD --topic iot/alarms --topic iot/events --topic iot/status", nil},
		{"SECRET FILE to a password", " SECRET FILE PASSWORD /run/secrets/pw PASSWORD\n",
			"c3link mqtt broker 1883 --name I --password-file /run/secrets/pw --topic iot/alarms --topic iot/events --topic iot/status", nil},
		{"SECRET FILE to a key and certificate", " SECRET FILE KEY \"/tmp/DATA/key\" KEY\n SECRET FILE CERT /tmp/DATA/cert CERT\n",
			"c3link mqtt broker 1883 --name I --key /tmp/DATA/key --cert /tmp/DATA/cert --topic iot/alarms --topic iot/events --topic iot/status", nil},
		{"SECRET ENV to an option c3link takes only as a value", " SECRET ENV USERNAME ENV_USERNAME USERNAME\n",
			"c3link mqtt broker 1883 --name I --topic iot/alarms --topic iot/events --topic iot/status",
			[]string{"testdata/responses/p.txt:5: SECRET ENV USERNAME for OPTION USERNAME: c3link mqtt takes no --username-env; pass the value after -- (-- --username VALUE)"}},
		{"SECRET for the microservice", " SECRET ENV TOKEN TOKEN_VAR\n",
			"c3link mqtt broker 1883 --name I --topic iot/alarms --topic iot/events --topic iot/status",
			[]string{"testdata/responses/p.txt:5: SECRET ENV TOKEN: a secret for COSMOS's microservice, given to no OPTION; not used"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, notes, err := linkStage(t, head+c.lines, mqttHas)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
			if diff := cmp.Diff(c.notes, notes); diff != "" {
				t.Errorf("notes (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMQTTErrors(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"no topics at all", "TARGET INST\nINTERFACE I mqtt_interface.rb broker\n MAP_TARGET INST\n", ""},
		{"password in the clear", "TARGET IOT\nINTERFACE I mqtt_interface.rb broker\n MAP_TARGET IOT\n OPTION PASSWORD hunter2\n",
			"testdata/responses/p.txt:4: OPTION PASSWORD: c3link mqtt takes it only from the environment or a file, never the command line: SECRET ENV PASSWORD VAR PASSWORD gives --password-env VAR"},
		{"secret type", "INTERFACE I mqtt_interface.rb broker\n SECRET DISK A B C\n",
			`testdata/responses/p.txt:2: SECRET type "DISK" must be ENV or FILE`},
		{"secret too short", "INTERFACE I mqtt_interface.rb broker\n SECRET ENV A\n",
			"testdata/responses/p.txt:2: SECRET takes ENV|FILE, the secret name, the environment variable or file path, and the option name"},
		{"unreadable definitions", "TARGET NOPE\nINTERFACE I mqtt_interface.rb broker\n MAP_TARGET NOPE\n",
			"testdata/responses/p.txt:2: INTERFACE I: mqtt_interface.rb subscribes to the META TOPIC of target NOPE's telemetry, which cannot be read: "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, notes, err := linkStage(t, c.text, mqttHas)
			if c.want == "" {
				want := []string{"testdata/responses/p.txt:2: INTERFACE I: no telemetry packet of its targets has META TOPIC; c3link mqtt reads nothing without --topic (add -- --topic T)"}
				if err != nil || !cmp.Equal(notes, want) {
					t.Errorf("err %v, notes %q\nwant notes %q", err, notes, want)
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("got  %v\nwant %s...", err, c.want)
			}
		})
	}
}
