package main

import (
	"strings"

	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/c3kit/c3kit/link"
	"github.com/urfave/cli/v2"
)

// mqttFlags are the MQTT options both MQTT subcommands share, under the
// names of COSMOS's OPTIONs (ACK_TIMEOUT, USERNAME, PASSWORD, CERT, KEY,
// KEYFILE_PASSWORD, CA_FILE).
func mqttFlags() []cli.Flag {
	return append([]cli.Flag{
		&cli.StringFlag{Name: "host", Usage: "MQTT broker"},
		&cli.StringFlag{Name: "port", Value: "1883", Usage: "port of the broker (mind SSL: 8883 is the usual TLS port)"},
		&cli.StringFlag{Name: "ssl", Value: "false", Usage: "connect with TLS (implied by --ca-file or --cert)"},
		&cli.StringFlag{Name: "ack-timeout", Value: "5", Usage: "ACK_TIMEOUT: seconds to wait for the broker to answer a connect, subscribe or publish"},
		&cli.StringFlag{Name: "username", Usage: "USERNAME for the broker"},
		&cli.StringFlag{Name: "password-file", Usage: "PASSWORD: file whose first line is the broker password (never give it on the command line)"},
		&cli.StringFlag{Name: "password-env", Usage: "PASSWORD: environment variable holding the broker password (COSMOS: SECRET ENV PASSWORD MQTT_PASSWORD)"},
		&cli.IntFlag{Name: "qos", Usage: "QoS of publishes and subscriptions: 0 (at most once, COSMOS's), 1 (at least once) or 2 (exactly once)"},
		&cli.BoolFlag{Name: "retain", Usage: "publish with the retain flag: the broker keeps the last message of each topic for new subscribers"},
		&cli.StringFlag{Name: "client-id", Usage: "MQTT client identifier (default c3link-<random>; two clients with one id throw each other off)"},
		&cli.StringFlag{Name: "keep-alive", Value: "30", Usage: "seconds between keep-alive pings; a broker that does not answer counts as lost"},
	}, tlsFlags()...)
}

func mqttCommand() *cli.Command {
	return &cli.Command{
		Name:  "mqtt",
		Usage: "COSMOS MQTT Interface: messages on --topic topics are records (extra.TOPIC); records are published to their extra.TOPIC",
		UsageText: "c3link mqtt HOST [PORT [SSL]] [--topic T ...] [flags]\n" +
			"   e.g. c3link mqtt test.mosquitto.org 8884 --topic INST/TLM --username rw --password-env MQTT_PASSWORD",
		Flags: append(append(commonFlags(),
			&cli.StringSliceFlag{Name: "topic", Usage: "topic filter to subscribe to (wildcards + and # allowed); repeatable. Without one, nothing is read"},
		), mqttFlags()...),
		Action: linkAction([]string{"host", "port", "ssl"}, buildMQTT(false)),
	}
}

func mqttStreamCommand() *cli.Command {
	return &cli.Command{
		Name:  "mqtt-stream",
		Usage: "COSMOS MQTT Streaming Interface: every record to the write topic, every message on the read topic a record",
		UsageText: "c3link mqtt-stream HOST [PORT [SSL [WRITE_TOPIC [READ_TOPIC]]]] [flags]\n" +
			"   e.g. c3link mqtt-stream test.mosquitto.org 1883 false write read; nil disables a direction",
		Flags: append(append(commonFlags(),
			&cli.StringFlag{Name: "write-topic", Value: "nil", Usage: "topic every record is published to; nil: read only"},
			&cli.StringFlag{Name: "read-topic", Value: "nil", Usage: "topic whose messages become records; nil: write only"},
		), mqttFlags()...),
		Action: linkAction([]string{"host", "port", "ssl", "write-topic", "read-topic"}, buildMQTT(true)),
	}
}

func buildMQTT(stream bool) func(*cli.Context) (linkSetup, error) {
	return func(c *cli.Context) (linkSetup, error) {
		name := "mqtt"
		if stream {
			name = "mqtt-stream"
		}
		m := &link.MQTT{Host: c.String("host"), Stream: stream, Retain: c.Bool("retain"), Username: c.String("username"), ClientID: c.String("client-id")}
		if m.Host == "" || cliutil.IsNil(m.Host) {
			return linkSetup{}, cliutil.Usagef("give the broker's host")
		}
		var err error
		if m.Port, err = onePort(c, false); err != nil {
			return linkSetup{}, err
		}
		if m.SSL, err = cliutil.ParseBool(c.String("ssl")); err != nil {
			return linkSetup{}, cliutil.Usagef("--ssl: %v", err)
		}
		if m.AckTimeout, err = flagSeconds(c, "ack-timeout", false); err != nil {
			return linkSetup{}, err
		}
		if m.AckTimeout <= 0 {
			return linkSetup{}, cliutil.Usagef("--ack-timeout must be more than 0")
		}
		if m.KeepAlive, err = flagSeconds(c, "keep-alive", false); err != nil {
			return linkSetup{}, err
		}
		if m.KeepAlive < 1e9 {
			return linkSetup{}, cliutil.Usagef("--keep-alive must be at least 1 second")
		}
		qos := c.Int("qos")
		if qos < 0 || qos > 2 {
			return linkSetup{}, cliutil.Usagef("--qos must be 0, 1 or 2, not %d", qos)
		}
		m.QoS = byte(qos)
		var given bool
		if m.Password, given, err = secret(c, "password-file", "password-env"); err != nil {
			return linkSetup{}, err
		}
		if given && m.Username == "" {
			return linkSetup{}, cliutil.Usagef("a password needs --username")
		}
		files, err := tlsFiles(c)
		if err != nil {
			return linkSetup{}, err
		}
		if files.Any() {
			m.SSL = true // as COSMOS's MQTT stream does
		}
		if files.InsecureSkipVerify && !m.SSL {
			return linkSetup{}, cliutil.Usagef("--insecure-skip-verify needs SSL true")
		}
		if m.SSL {
			if m.TLS, err = files.Config(m.Host); err != nil {
				return linkSetup{}, cliutil.Usagef("%v", err)
			}
		}
		canRead, canWrite := true, true
		if stream {
			wt, rt := c.String("write-topic"), c.String("read-topic")
			if !cliutil.IsNil(wt) {
				m.WriteTopic = wt
			}
			if !cliutil.IsNil(rt) {
				m.Topics = []string{rt}
			}
			canWrite, canRead = m.WriteTopic != "", len(m.Topics) > 0
			if !canRead && !canWrite {
				return linkSetup{}, cliutil.Usagef("write topic and read topic are both nil")
			}
		} else {
			for _, t := range c.StringSlice("topic") {
				if strings.TrimSpace(t) == "" {
					return linkSetup{}, cliutil.Usagef("--topic needs a topic")
				}
				m.Topics = append(m.Topics, t)
			}
			canRead = len(m.Topics) > 0
		}
		for _, t := range m.Topics {
			if err := topicFilterOK(t); err != nil {
				return linkSetup{}, cliutil.Usagef("topic %q: %v", t, err)
			}
		}
		if m.WriteTopic != "" && strings.ContainsAny(m.WriteTopic, "+#") {
			return linkSetup{}, cliutil.Usagef("write topic %q: a topic to publish to cannot contain + or #", m.WriteTopic)
		}
		return linkSetup{link: m, canWrite: canWrite, canRead: canRead, defName: name, rejectFails: true}, nil
	}
}

// topicFilterOK checks a subscription filter the way MQTT 3.1.1 (4.7.1)
// defines wildcards, so a typo is a usage error rather than a broker
// disconnect.
func topicFilterOK(f string) error {
	levels := strings.Split(f, "/")
	for i, l := range levels {
		switch {
		case l == "#" && i != len(levels)-1:
			return errString("# must be the last level")
		case l != "#" && strings.Contains(l, "#"), l != "+" && strings.Contains(l, "+"):
			return errString("a wildcard must be a whole level (a/+/c, a/#)")
		}
	}
	return nil
}

type errString string

func (e errString) Error() string { return string(e) }
