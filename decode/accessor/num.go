package accessor

// Num is a number for WriteNum: Write's value without the interface, whose
// boxing costs an allocation per item when a stream builds packets.
type Num struct {
	K NumKind
	I int64
	U uint64
	F float64
}

// NumKind says which field of a Num holds the value.
type NumKind uint8

// The kinds of Num.
const (
	NumInt NumKind = iota
	NumUint
	NumFloat
)

// WriteNum is Write for a number into an INT, UINT or FLOAT item: the same
// checks, conversions and errors as Write given an int64, uint64 or float64.
func WriteNum(buf []byte, n Num, bitOffset, bitSize int, t DataType, e Endian, o Overflow) error {
	switch t {
	case INT, UINT:
		if err := checkIntSize(bitSize, t); err != nil {
			return err
		}
		switch n.K {
		case NumInt:
			return writeInteger(buf, n.I, 0, false, bitOffset, bitSize, t, e, o)
		case NumUint:
			return writeInteger(buf, 0, n.U, true, bitOffset, bitSize, t, e, o)
		}
		i, u, unsigned, err := floatToInteger(n.F, o)
		if err != nil {
			return err
		}
		return writeInteger(buf, i, u, unsigned, bitOffset, bitSize, t, e, o)
	case FLOAT:
		f := n.F
		switch n.K {
		case NumInt:
			f = float64(n.I)
		case NumUint:
			f = float64(n.U)
		}
		return WriteFloat(buf, f, bitOffset, bitSize, e)
	}
	return invalidf("WriteNum cannot write a %s item", t)
}

// WriteItemBytes is Write for a []byte into a STRING or BLOCK item.
func WriteItemBytes(buf []byte, v []byte, bitOffset, bitSize int, t DataType, o Overflow) ([]byte, error) {
	return writeBytes(buf, v, bitOffset, bitSize, t, o)
}

// writeInteger fits a signed i or (unsigned) u to an INT or UINT item and
// writes it.
func writeInteger(buf []byte, i int64, u uint64, unsigned bool, bitOffset, bitSize int, t DataType, e Endian, o Overflow) error {
	var bits uint64
	var err error
	if unsigned {
		bits, err = fitUint(u, bitSize, t, o)
	} else {
		bits, err = fitInt(i, bitSize, t, o)
	}
	if err != nil {
		return err
	}
	return writeBits(buf, bits, bitOffset, bitSize, e, t)
}
