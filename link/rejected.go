package link

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
)

// RejectedError is an Open failure caused by the other end refusing who we
// are (an MQTT broker refusing the username or password, a TLS peer
// refusing our certificate or presenting one we cannot verify). Retrying
// with the same settings cannot succeed, so the pump stops with it at once,
// on the first attempt or any later one, instead of retrying forever. The
// message must never contain a password.
type RejectedError struct{ Err error }

func (e *RejectedError) Error() string { return e.Err.Error() }
func (e *RejectedError) Unwrap() error { return e.Err }

// tlsRejection reports whether err is a TLS verification failure on either
// side (our check of the peer's certificate, or the peer's alert refusing
// ours) or a peer that does not speak TLS. Those are configuration faults,
// not network faults.
func tlsRejection(err error) bool {
	var (
		unknown  x509.UnknownAuthorityError
		invalid  x509.CertificateInvalidError
		hostname x509.HostnameError
		verify   *tls.CertificateVerificationError
		op       *net.OpError
		notTLS   tls.RecordHeaderError // the peer does not speak TLS at all
	)
	if errors.As(err, &notTLS) {
		return true
	}
	if errors.As(err, &op) && op.Op == "remote error" { // the peer's TLS alert (bad certificate, ...)
		return true
	}
	return errors.As(err, &unknown) || errors.As(err, &invalid) || errors.As(err, &hostname) ||
		errors.As(err, &verify)
}
