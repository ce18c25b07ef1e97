package crcproto

import (
	"fmt"
	"strings"
)

// Strategy is what happens to a record whose CRC is wrong, or that is too
// short to hold the CRC.
type Strategy int

const (
	// Error reports the record and passes it on, marked extra.CRC_OK=false
	// (COSMOS ERROR: "just log the error").
	Error Strategy = iota
	// Disconnect reports the record and stops the stream with an error
	// (COSMOS DISCONNECT); the records before it have been passed on.
	Disconnect
	// Drop reports the record and leaves it out (c3kit's addition).
	Drop
)

// ParseStrategy accepts ERROR, DISCONNECT or DROP, in any case.
func ParseStrategy(s string) (Strategy, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "ERROR":
		return Error, nil
	case "DISCONNECT":
		return Disconnect, nil
	case "DROP":
		return Drop, nil
	}
	return 0, fmt.Errorf("bad strategy %q must be ERROR, DISCONNECT or DROP", s)
}

func (s Strategy) String() string {
	switch s {
	case Disconnect:
		return "DISCONNECT"
	case Drop:
		return "DROP"
	}
	return "ERROR"
}

// outcome is the tail of the diagnostic: what was done with the record.
func (s Strategy) outcome() string {
	switch s {
	case Disconnect:
		return "disconnecting (bad strategy DISCONNECT)"
	case Drop:
		return "dropped"
	}
	return "passed on with extra.CRC_OK=false"
}
