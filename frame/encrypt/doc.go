// Package encrypt is the record-level encryption protocol of COSMOS's demo
// plugin (the EXAMPLE target's PROTOCOL READ_WRITE encryption_protocol.rb
// KEY): AES-256-GCM, one sealed message per record, laid out as
//
//	[12-byte IV][16-byte authentication tag][ciphertext]
//
// with a fresh random IV for every record written and no additional
// authenticated data. Empty records pass through untouched in both
// directions, as COSMOS's protocol does.
//
// COSMOS disconnects the interface on the first record that fails to
// decrypt; the Stage here reports the record (never the key) and drops it,
// so one corrupt record on a noisy link costs only that record. FailFast
// restores COSMOS's behaviour.
package encrypt
