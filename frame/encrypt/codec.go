package encrypt

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Layout sizes of one sealed record.
const (
	IVSize   = 12
	TagSize  = 16
	Overhead = IVSize + TagSize
	KeySize  = 32
)

// ErrAuth is returned by Open when a record fails authentication (wrong
// key, or any byte of IV, tag or ciphertext changed).
var ErrAuth = errors.New("authentication failed (tampered or corrupt record, or the wrong key)")

// ShortError is returned by Open for a record too short to hold an IV and
// a tag.
type ShortError struct{ Len int }

func (e *ShortError) Error() string {
	return fmt.Sprintf("%d-byte record too short: a sealed record needs at least %d bytes (IV and tag)", e.Len, Overhead)
}

// ParseKey parses the key as pasted from plugin.txt: 64 hex digits (a 0x
// prefix and surrounding space are tolerated). The error never quotes the
// key itself.
func ParseKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if len(s) > 2 && (s[:2] == "0x" || s[:2] == "0X") {
		s = s[2:]
	}
	if len(s) != 2*KeySize {
		return nil, fmt.Errorf("the key must be %d hex digits (a %d-byte AES-256 key), got %d characters", 2*KeySize, KeySize, len(s))
	}
	k, err := hex.DecodeString(s)
	if err != nil {
		return nil, errors.New("the key must be hex digits only (0-9, a-f)")
	}
	return k, nil
}

// Codec seals and opens records with one key. It keeps scratch space, so
// a Codec is not safe for concurrent use.
type Codec struct {
	aead    cipher.AEAD
	rand    io.Reader
	scratch []byte
}

// New returns a Codec for a 32-byte key.
func New(key []byte) (*Codec, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("the key must be %d bytes, got %d", KeySize, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block) // 12-byte nonce, 16-byte tag: the COSMOS layout
	if err != nil {
		return nil, err
	}
	return &Codec{aead: aead, rand: rand.Reader}, nil
}

// Seal appends the sealed form of plain to dst and returns it. An empty
// record stays empty.
func (c *Codec) Seal(dst, plain []byte) ([]byte, error) {
	if len(plain) == 0 {
		return dst, nil
	}
	start := len(dst)
	dst = grow(dst, Overhead+len(plain))
	iv := dst[start : start+IVSize]
	if _, err := io.ReadFull(c.rand, iv); err != nil {
		return dst[:start], fmt.Errorf("drawing a random IV: %w", err)
	}
	// Go's GCM writes ciphertext then tag; COSMOS puts the tag first. Seal
	// into scratch, then lay the two parts out in COSMOS's order.
	c.scratch = c.aead.Seal(c.scratch[:0], iv, plain, nil)
	ct := c.scratch[:len(plain)]
	tag := c.scratch[len(plain):]
	copy(dst[start+IVSize:], tag)
	copy(dst[start+Overhead:], ct)
	return dst, nil
}

// Open appends the plaintext of a sealed record to dst and returns it. An
// empty record stays empty. Errors are *ShortError or ErrAuth.
func (c *Codec) Open(dst, sealed []byte) ([]byte, error) {
	if len(sealed) == 0 {
		return dst, nil
	}
	if len(sealed) < Overhead {
		return dst, &ShortError{Len: len(sealed)}
	}
	iv, tag, ct := sealed[:IVSize], sealed[IVSize:Overhead], sealed[Overhead:]
	c.scratch = append(append(c.scratch[:0], ct...), tag...)
	out, err := c.aead.Open(dst, iv, c.scratch, nil)
	if err != nil {
		return dst, ErrAuth
	}
	return out, nil
}

func grow(b []byte, n int) []byte {
	if cap(b)-len(b) < n {
		nb := make([]byte, len(b), len(b)+n)
		copy(nb, b)
		b = nb
	}
	return b[:len(b)+n]
}
