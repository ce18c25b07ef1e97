package link

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
)

// TLSFiles are the TLS settings COSMOS's MQTT options name (CA_FILE, CERT,
// KEY, KEYFILE_PASSWORD), shared by http-client and the MQTT links. Files
// are PEM paths (COSMOS's options take the PEM text itself, usually from a
// SECRET; here the secret is a file).
type TLSFiles struct {
	CAFile      string // trust these CAs instead of the system pool
	CertFile    string // client certificate, with KeyFile
	KeyFile     string
	KeyPassword string // decrypts an encrypted (legacy PEM) KeyFile
	// InsecureSkipVerify accepts any server certificate: for test rigs
	// only, and named as such on the command line.
	InsecureSkipVerify bool
}

// Any reports whether any TLS file is configured (COSMOS turns SSL on when
// a CA file or a client certificate is given).
func (f TLSFiles) Any() bool { return f.CAFile != "" || f.CertFile != "" || f.KeyFile != "" }

// Config builds the client tls.Config for serverName. Errors name the file
// and say what is wrong with it; they never include the key password.
func (f TLSFiles) Config(serverName string) (*tls.Config, error) {
	cfg := &tls.Config{ServerName: serverName, InsecureSkipVerify: f.InsecureSkipVerify, MinVersion: tls.VersionTLS12}
	if f.CAFile != "" {
		pemBytes, err := os.ReadFile(f.CAFile)
		if err != nil {
			return nil, fmt.Errorf("CA file: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pemBytes) {
			return nil, fmt.Errorf("CA file %s: no PEM certificate in it", f.CAFile)
		}
		cfg.RootCAs = pool
	}
	if (f.CertFile == "") != (f.KeyFile == "") {
		return nil, errors.New("a client certificate needs both --cert and --key")
	}
	if f.CertFile != "" {
		cert, err := loadKeyPair(f.CertFile, f.KeyFile, f.KeyPassword)
		if err != nil {
			return nil, err
		}
		cfg.Certificates = []tls.Certificate{cert}
	}
	return cfg, nil
}

// loadKeyPair loads a PEM certificate and key; a key encrypted the legacy
// OpenSSL way (Proc-Type: 4,ENCRYPTED, what KEYFILE_PASSWORD decrypts in
// COSMOS's Python) is decrypted with password first.
func loadKeyPair(certFile, keyFile, password string) (tls.Certificate, error) {
	certPEM, err := os.ReadFile(certFile)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("client certificate: %w", err)
	}
	keyPEM, err := os.ReadFile(keyFile)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("client key: %w", err)
	}
	if block, _ := pem.Decode(keyPEM); block != nil && x509.IsEncryptedPEMBlock(block) { //nolint:staticcheck // legacy PEM encryption is what KEYFILE_PASSWORD is for
		if password == "" {
			return tls.Certificate{}, fmt.Errorf("client key %s is encrypted: give its password (--keyfile-password-file or --keyfile-password-env)", keyFile)
		}
		der, err := x509.DecryptPEMBlock(block, []byte(password)) //nolint:staticcheck
		if err != nil {
			return tls.Certificate{}, fmt.Errorf("client key %s: cannot decrypt it with the password given", keyFile)
		}
		keyPEM = pem.EncodeToMemory(&pem.Block{Type: block.Type, Bytes: der})
	}
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("client certificate %s / key %s: %v", certFile, keyFile, err)
	}
	return cert, nil
}
