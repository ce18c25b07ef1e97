// Package ccsds is the CCSDS space data link layer as c3frame stages: TM
// transfer frames (132.0-B) and AOS frames (732.0-B) with space-packet
// extraction per virtual channel, TC transfer frames (232.0-B) and CLTUs with
// BCH(63,56) (231.0-B), each in both directions, with the CCSDS
// pseudo-randomizers and the CRC-16 frame error control field.
//
// The names and defaults of the parameters are those of the COSMOS
// Enterprise CCSDS protocols (CcsdsTmtfProtocol, CcsdsTctfProtocol,
// CcsdsCltuProtocol). Nothing here prints or exits: faults go to the
// Report callback of the options, as in package frame.
package ccsds
