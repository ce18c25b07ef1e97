package link

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/c3kit/c3kit/frame/record"
	mqtt "github.com/eclipse/paho.mqtt.golang"
	"github.com/eclipse/paho.mqtt.golang/packets"
)

// DefaultAckTimeout is COSMOS's ACK_TIMEOUT: how long to wait for the
// broker to answer a connect, subscribe or publish.
const DefaultAckTimeout = 5 * time.Second

// MQTT is COSMOS's MQTT Interface and, with Stream set, its MQTT Streaming
// Interface. Messages on the subscribed topics become records with
// extra.TOPIC. A record written is published to its extra.TOPIC (or
// TOPICS, a list: once to each), or, for the streaming interface, to
// WriteTopic. The pump owns reconnection: paho's own reconnect is off, so
// a lost broker is reported, retried on the reconnect delay and counted
// like any other link.
//
// paho can block forever in Token.Wait when the connection dies at the
// wrong moment, so every token is waited on with WaitTimeout(AckTimeout).
type MQTT struct {
	Host       string
	Port       int
	SSL        bool
	Topics     []string // subscriptions (mqtt: --topic; mqtt-stream: the read topic)
	Stream     bool     // mqtt-stream: publish every record to WriteTopic
	WriteTopic string
	QoS        byte
	Retain     bool
	AckTimeout time.Duration
	Username   string
	Password   string // never printed
	TLS        *tls.Config
	ClientID   string // default c3link-<random>
	KeepAlive  time.Duration
}

func (m *MQTT) scheme() string {
	if m.SSL {
		return "ssl"
	}
	return "tcp"
}

func (m *MQTT) addr() string { return net.JoinHostPort(m.Host, strconv.Itoa(m.Port)) }

func (m *MQTT) String() string {
	name := "mqtt"
	if m.Stream {
		name = "mqtt-stream"
	}
	return fmt.Sprintf("%s %s://%s", name, m.scheme(), m.addr())
}

func (m *MQTT) ackTimeout() time.Duration {
	if m.AckTimeout > 0 {
		return m.AckTimeout
	}
	return DefaultAckTimeout
}

// Open connects and subscribes. The broker refusing the credentials or a
// subscription, or a TLS certificate problem, is a RejectedError; an
// unknown host is permanent on the first attempt; anything else is retried.
func (m *MQTT) Open(ctx context.Context, env *Env) (Conn, error) {
	if m.ClientID == "" {
		var b [6]byte
		rand.Read(b[:])
		m.ClientID = "c3link-" + hex.EncodeToString(b[:])
	}
	if _, err := net.DefaultResolver.LookupHost(ctx, m.Host); err != nil {
		var dns *net.DNSError
		if errors.As(err, &dns) && dns.IsNotFound {
			return nil, permanent(fmt.Errorf("unknown host %q", m.Host))
		}
	}
	c := &mqttConn{m: m, env: env, peer: m.addr(), lost: make(chan error, 1), closed: make(chan struct{})}
	if !env.Sink.noMeta {
		c.pm = env.Sink.PeerMeta()
	}
	opts := mqtt.NewClientOptions().
		AddBroker(m.scheme() + "://" + m.addr()).
		SetClientID(m.ClientID).
		SetCleanSession(true).
		SetAutoReconnect(false).
		SetConnectRetry(false).
		SetConnectTimeout(m.ackTimeout()).
		SetWriteTimeout(m.ackTimeout()).
		SetOrderMatters(true). // records leave in the order the broker sent them
		SetDefaultPublishHandler(c.onMessage).
		SetConnectionLostHandler(func(_ mqtt.Client, err error) {
			select {
			case c.lost <- err:
			default:
			}
		})
	if m.KeepAlive > 0 {
		opts.SetKeepAlive(m.KeepAlive)
	}
	if m.Username != "" {
		opts.SetUsername(m.Username)
	}
	if m.Password != "" {
		opts.SetPassword(m.Password)
	}
	if m.SSL {
		cfg := m.TLS
		if cfg == nil {
			cfg = &tls.Config{ServerName: m.Host}
		}
		opts.SetTLSConfig(cfg)
	}
	c.client = mqtt.NewClient(opts)
	tok := c.client.Connect()
	if err := wait(tok, m.ackTimeout(), "connecting to "+m.addr()); err != nil {
		c.client.Disconnect(0)
		switch {
		case errors.Is(err, packets.ErrorRefusedBadUsernameOrPassword), errors.Is(err, packets.ErrorRefusedNotAuthorised):
			who := "without credentials"
			if m.Username != "" {
				who = fmt.Sprintf("as user %q", m.Username)
			}
			return nil, &RejectedError{fmt.Errorf("broker %s refused the connection %s: %v (check the username and password)", m.addr(), who, unwrapPaho(err))}
		case errors.Is(err, packets.ErrorRefusedIDRejected), errors.Is(err, packets.ErrorRefusedBadProtocolVersion):
			return nil, &RejectedError{fmt.Errorf("broker %s refused the connection: %v", m.addr(), unwrapPaho(err))}
		case tlsRejection(err):
			return nil, &RejectedError{fmt.Errorf("TLS with %s: %v", m.addr(), unwrapPaho(err))}
		}
		var op *net.OpError
		if errors.As(err, &op) { // paho's "network Error : dial tcp ...": say it as tcp-client does
			return nil, fmt.Errorf("connecting to %s: %w", m.addr(), unwrapOp(op))
		}
		return nil, err
	}
	for _, t := range m.Topics {
		tok := c.client.Subscribe(t, m.QoS, nil) // nil: every message goes to onMessage once, even when filters overlap
		if err := wait(tok, m.ackTimeout(), "subscribing to "+t); err != nil {
			c.client.Disconnect(0)
			return nil, err
		}
		if granted, ok := tok.(*mqtt.SubscribeToken).Result()[t]; ok && granted == 0x80 {
			c.client.Disconnect(0)
			return nil, &RejectedError{fmt.Errorf("broker %s refused the subscription to %q (not authorised?)", m.addr(), t)}
		}
	}
	return c, nil
}

// wait waits for a token at most d: paho's Wait can hang forever.
func wait(tok mqtt.Token, d time.Duration, what string) error {
	if !tok.WaitTimeout(d) {
		return fmt.Errorf("%s: no answer from the broker within the ack timeout (%v)", what, d)
	}
	if err := tok.Error(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// unwrapPaho keeps the cause and drops our "connecting to" prefix.
func unwrapPaho(err error) error {
	if u := errors.Unwrap(err); u != nil {
		return u
	}
	return err
}

type mqttConn struct {
	m      *MQTT
	env    *Env
	client mqtt.Client
	peer   string
	pm     *PeerMeta // used by onMessage only, which paho calls one message at a time
	lost   chan error
	closed chan struct{}
	once   sync.Once
}

// onMessage emits one message as a record. It blocks while stdout is
// behind, which holds paho's reader and so the broker's flow to us.
func (c *mqttConn) onMessage(_ mqtt.Client, msg mqtt.Message) {
	var meta record.Meta
	if c.pm != nil {
		meta = c.pm.Meta(c.peer)
		extra := make(map[string]any, 3)
		for k, v := range meta.Extra() {
			extra[k] = v
		}
		extra[ExtraTopic] = msg.Topic()
		meta[record.KeyExtra] = extra
	}
	c.env.Sink.Emit(meta, msg.Payload())
}

func (c *mqttConn) ReadLoop() error {
	select {
	case <-c.closed:
		return nil
	case err := <-c.lost:
		return fmt.Errorf("connection to the broker lost: %v", err)
	}
}

// topics are where a record goes: the write topic (mqtt-stream) or its
// extra.TOPIC / TOPICS.
func (c *mqttConn) topics(meta record.Meta) ([]string, error) {
	if c.m.Stream {
		if c.m.WriteTopic == "" {
			return nil, errors.New("the link is read-only (write topic nil)")
		}
		return []string{c.m.WriteTopic}, nil
	}
	extra := meta.Extra()
	for _, key := range []string{ExtraTopic, ExtraTopics} {
		v, ok := extra[key]
		if !ok || v == nil {
			continue
		}
		if list, ok := v.([]any); ok {
			out := make([]string, 0, len(list))
			for _, el := range list {
				s, ok := el.(string)
				if !ok || s == "" {
					return nil, fmt.Errorf("extra.%s must be a topic or a list of topics", key)
				}
				out = append(out, s)
			}
			if len(out) > 0 {
				return out, nil
			}
			continue
		}
		if s, ok := v.(string); ok && s != "" {
			return []string{s}, nil
		}
		return nil, fmt.Errorf("extra.%s must be a topic or a list of topics, not %T", key, v)
	}
	return nil, errors.New("it has no extra.TOPIC: give each record its topic (META TOPIC in its definition, or set extra.TOPIC), or use mqtt-stream with a write topic")
}

// Write publishes the record; a broker that does not acknowledge within the
// ack timeout breaks the connection and the record is published again on
// the next one (at least once).
func (c *mqttConn) Write(meta record.Meta, data []byte) error {
	topics, err := c.topics(meta)
	if err != nil {
		return recordErrorf("%v", err)
	}
	// paho sends from its own goroutine; the pump reuses data once we return.
	payload := append([]byte(nil), data...)
	for _, t := range topics {
		tok := c.client.Publish(t, c.m.QoS, c.m.Retain, payload)
		if err := wait(tok, c.m.ackTimeout(), "publishing to "+t); err != nil {
			return err
		}
	}
	return nil
}

func (c *mqttConn) Close() error {
	c.once.Do(func() {
		close(c.closed)
		c.client.Disconnect(100)
	})
	return nil
}
