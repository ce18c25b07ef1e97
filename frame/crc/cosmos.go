package crc

import "fmt"

// CosmosOptions are the COSMOS CRC protocol's poly, seed, xor and reflect
// parameters. COSMOS takes them all or none; Set says which.
type CosmosOptions struct {
	Set     bool
	Poly    uint64
	Seed    uint64
	Xor     bool
	Reflect bool
}

// Cosmos maps a COSMOS CRC (bit size 8, 16, 32 or 64, with its defaults or
// explicit options) onto the Rocksoft model: COSMOS's table-driven CRC with
// reflect=true reflects every input byte and the final register, and xor=true
// complements the result, so refin = refout = reflect, init = seed (not
// reflected) and xorout = all ones or zero.
func Cosmos(bits int, o CosmosOptions) (Params, error) {
	if !o.Set {
		switch bits {
		case 8:
			return MustPreset("COSMOS-8").Params, nil
		case 16:
			return MustPreset("COSMOS-16").Params, nil
		case 32:
			return MustPreset("COSMOS-32").Params, nil
		case 64:
			return MustPreset("COSMOS-64").Params, nil
		}
		return Params{}, fmt.Errorf("COSMOS CRC bit size must be 8, 16, 32 or 64, not %d", bits)
	}
	if bits != 8 && bits != 16 && bits != 32 && bits != 64 {
		return Params{}, fmt.Errorf("COSMOS CRC bit size must be 8, 16, 32 or 64, not %d", bits)
	}
	p := Params{Width: bits, Poly: o.Poly, Init: o.Seed, RefIn: o.Reflect, RefOut: o.Reflect}
	if o.Xor {
		p.XorOut = p.Mask()
	}
	return p, p.Validate()
}
