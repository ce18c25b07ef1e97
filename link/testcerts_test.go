package link

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// testPKI is a CA with a server certificate (localhost, 127.0.0.1) and a
// client certificate, made fresh for each test with Go's crypto and written
// as PEM files.
type testPKI struct {
	dir                                              string
	CA, ServerCert, ServerKey, ClientCert, ClientKey string // file paths
	OtherCA                                          string // a CA that signed none of them
	caCert                                           *x509.Certificate
	pool                                             *x509.CertPool
	server                                           tls.Certificate
}

func newTestPKI(t *testing.T) *testPKI {
	t.Helper()
	p := &testPKI{dir: t.TempDir()}
	caKey, caCert := makeCA(t, "c3-test-ca")
	p.caCert = caCert
	p.CA = p.write(t, "ca.crt", "CERTIFICATE", caCert.Raw)
	_, other := makeCA(t, "c3-other-ca")
	p.OtherCA = p.write(t, "other-ca.crt", "CERTIFICATE", other.Raw)
	p.pool = x509.NewCertPool()
	p.pool.AddCert(caCert)

	srvKey, srvDER := makeLeaf(t, caKey, caCert, "localhost", x509.ExtKeyUsageServerAuth)
	p.ServerCert = p.write(t, "server.crt", "CERTIFICATE", srvDER)
	p.ServerKey = p.writeKey(t, "server.key", srvKey)
	cliKey, cliDER := makeLeaf(t, caKey, caCert, "c3-test-client", x509.ExtKeyUsageClientAuth)
	p.ClientCert = p.write(t, "client.crt", "CERTIFICATE", cliDER)
	p.ClientKey = p.writeKey(t, "client.key", cliKey)
	var err error
	if p.server, err = tls.LoadX509KeyPair(p.ServerCert, p.ServerKey); err != nil {
		t.Fatal(err)
	}
	return p
}

// serverConfig is a TLS server config that demands a client certificate
// from this CA when requireClient is set.
func (p *testPKI) serverConfig(requireClient bool) *tls.Config {
	cfg := &tls.Config{Certificates: []tls.Certificate{p.server}, ClientCAs: p.pool}
	if requireClient {
		cfg.ClientAuth = tls.RequireAndVerifyClientCert
	}
	return cfg
}

func makeCA(t *testing.T, cn string) (*ecdsa.PrivateKey, *x509.Certificate) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{CommonName: cn},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return key, cert
}

func makeLeaf(t *testing.T, caKey *ecdsa.PrivateKey, ca *x509.Certificate, cn string, usage x509.ExtKeyUsage) (*ecdsa.PrivateKey, []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano() + 1),
		Subject:      pkix.Name{CommonName: cn},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{usage},
	}
	if usage == x509.ExtKeyUsageServerAuth {
		tmpl.DNSNames = []string{"localhost"}
		tmpl.IPAddresses = []net.IP{net.ParseIP("127.0.0.1")}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	return key, der
}

func (p *testPKI) write(t *testing.T, name, typ string, der []byte) string {
	t.Helper()
	path := filepath.Join(p.dir, name)
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func (p *testPKI) writeKey(t *testing.T, name string, key *ecdsa.PrivateKey) string {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	// 0644: mosquitto drops root to its own user before reading the key.
	return p.write(t, name, "PRIVATE KEY", der)
}
