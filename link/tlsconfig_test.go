package link

import (
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTLSFiles: every TLS option on its own and together, including
// KEYFILE_PASSWORD for a key encrypted the legacy OpenSSL way.
func TestTLSFiles(t *testing.T) {
	pki := newTestPKI(t)
	keyPEM, _ := os.ReadFile(pki.ClientKey)
	block, _ := pem.Decode(keyPEM)
	enc, err := x509.EncryptPEMBlock(rand.Reader, "PRIVATE KEY", block.Bytes, []byte("keypw-123"), x509.PEMCipherAES256) //nolint:staticcheck // the legacy form KEYFILE_PASSWORD decrypts
	if err != nil {
		t.Fatal(err)
	}
	encKey := filepath.Join(t.TempDir(), "enc.key")
	os.WriteFile(encKey, pem.EncodeToMemory(enc), 0o600)
	junk := filepath.Join(t.TempDir(), "junk.pem")
	os.WriteFile(junk, []byte("not pem"), 0o600)

	for _, tc := range []struct {
		name  string
		f     TLSFiles
		err   string // "" : builds
		certs int
		roots bool
	}{
		{"nothing: system CAs", TLSFiles{}, "", 0, false},
		{"CA file", TLSFiles{CAFile: pki.CA}, "", 0, true},
		{"client certificate", TLSFiles{CertFile: pki.ClientCert, KeyFile: pki.ClientKey}, "", 1, false},
		{"encrypted key with its password", TLSFiles{CertFile: pki.ClientCert, KeyFile: encKey, KeyPassword: "keypw-123"}, "", 1, false},
		{"encrypted key, no password", TLSFiles{CertFile: pki.ClientCert, KeyFile: encKey}, "is encrypted: give its password", 0, false},
		{"encrypted key, wrong password", TLSFiles{CertFile: pki.ClientCert, KeyFile: encKey, KeyPassword: "nope-456"}, "cannot decrypt it with the password given", 0, false},
		{"cert without key", TLSFiles{CertFile: pki.ClientCert}, "needs both --cert and --key", 0, false},
		{"CA file that is not PEM", TLSFiles{CAFile: junk}, "no PEM certificate in it", 0, false},
		{"missing CA file", TLSFiles{CAFile: "/nonexistent/ca.crt"}, "CA file: open /nonexistent/ca.crt", 0, false},
		{"key that does not match", TLSFiles{CertFile: pki.ClientCert, KeyFile: pki.ServerKey}, "private key does not match public key", 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := tc.f.Config("localhost")
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err %v, want %q", err, tc.err)
				}
				if tc.f.KeyPassword != "" && strings.Contains(err.Error(), tc.f.KeyPassword) {
					t.Fatalf("error shows the password: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(cfg.Certificates) != tc.certs || (cfg.RootCAs != nil) != tc.roots || cfg.ServerName != "localhost" {
				t.Fatalf("config: %d certs, roots %v, name %q", len(cfg.Certificates), cfg.RootCAs != nil, cfg.ServerName)
			}
		})
	}
}
