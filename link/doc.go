// Package link implements the COSMOS stream Interfaces (TCP/IP client and
// server, UDP, serial, file) as the two halves of a full-duplex Unix filter:
// what is read from the link becomes records (one per read or datagram,
// with meta time, extra.LINK and extra.PEER), and records handed to the link
// are written to it.
//
// Each interface implements Link (open a connection) and Conn (read loop,
// write with timeout, close). Run is the one pump every interface shares:
// stdin records go through a bounded queue to the link writer, link reads go
// through one fan-in channel to the single stdout writer, the link is
// reopened on its reconnect delay, and shutdown drains what is queued.
// The message interfaces (HTTP client and server, MQTT, MQTT streaming)
// run on the same pump: a request or publish is a link write, a response,
// request or message a link read, with COSMOS's HTTP_* and TOPIC keys in
// extra.
// Nothing here prints or exits: events go to Config.Notify.
package link
