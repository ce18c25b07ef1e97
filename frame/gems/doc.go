// Package gems is the OMG GEMS ASCII message format (Ground Equipment
// Monitoring Service) as COSMOS's GEMS interface uses it:
//
//	|GEMS|<ver>|<len>|<transaction id>|<token>|<timestamp>|<target>|<TYPE>|<fields...>|END
//
// <len> is ten decimal digits: the length of the whole message in octets,
// from the leading '|' of "|GEMS" through "END". Names and values escape
// '&' '|' ',' ';' as &a &b &c &d (GEMS 1.4); &s is accepted for ';' on read,
// as the GEMS 1.1 issue resolution wrote it.
//
// The package parses and builds messages (Message), typed parameters
// (Param: scalars, arrays and parameter sets), and provides the framing
// protocol COSMOS stacks for GEMS: a TerminatedProtocol on "|END" with sync
// "|GEMS", then GemsProtocol, which here checks the length on read and fills
// the length, transaction id and timestamp on write.
package gems
