package def

// identIndex finds the packet a buffer holds without scanning every
// definition; see Set.Identify.
type identIndex struct{}
