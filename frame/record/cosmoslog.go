package record

import "bytes"

// COSMOS packet log files (COSMOS 5+ start with "COSMOS5_", COSMOS 4 with
// "COSMOS2_") are a common thing to feed a stage by mistake: read as a
// record stream, their first four bytes are a 1 GB frame length. The
// reader names them instead; this is looked at only on that error path.

// cosmosLogHeader returns the log header ("COSMOS5_") when the stream at
// offset 0 starts with one: hdr is the first four bytes, next the peeked
// four after them.
func cosmosLogHeader(hdr, next []byte) string {
	if !bytes.Equal(hdr, []byte("COSM")) || len(next) < 4 || !bytes.HasPrefix(next, []byte("OS")) {
		return ""
	}
	return "COSM" + string(next[:4])
}

// cosmosLogMessage is the error for a COSMOS packet log read as records.
func cosmosLogMessage(header string) string {
	version := "COSMOS"
	switch header {
	case "COSMOS5_":
		version = "COSMOS 5"
	case "COSMOS2_":
		version = "COSMOS 4"
	}
	return "this is a " + version + " packet log, not a c3kit record stream (c3kit cannot read packet logs yet: " +
		"replay the packets from COSMOS into a c3kit stage): " + header + " header"
}
