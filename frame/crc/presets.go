package crc

import (
	"fmt"
	"strings"
)

// Preset is a named CRC from the RevEng catalogue (plus the COSMOS
// defaults, which are aliases of catalogue entries). Check is the CRC of the
// ASCII bytes "123456789", the catalogue's check value.
type Preset struct {
	Name    string
	Aliases []string
	Params
	Check uint64
}

const ones = ^uint64(0)

// presets is ordered by width, then name. Every entry's Check is verified
// against the engine in the tests. Aliases follow the catalogue; the
// COSMOS-n aliases are the COSMOS CRC protocol's defaults for bit size n.
var presets = []Preset{
	{"CRC-3/GSM", nil, Params{3, 0x3, 0x0, false, false, 0x7}, 0x4},
	{"CRC-4/G-704", []string{"CRC-4/ITU"}, Params{4, 0x3, 0x0, true, true, 0x0}, 0x7},
	{"CRC-5/USB", nil, Params{5, 0x05, 0x1f, true, true, 0x1f}, 0x19},
	{"CRC-6/G-704", []string{"CRC-6/ITU"}, Params{6, 0x03, 0x00, true, true, 0x00}, 0x06},
	{"CRC-7/MMC", []string{"CRC-7"}, Params{7, 0x09, 0x00, false, false, 0x00}, 0x75},

	{"CRC-8/AUTOSAR", nil, Params{8, 0x2f, 0xff, false, false, 0xff}, 0xdf},
	{"CRC-8/BLUETOOTH", nil, Params{8, 0xa7, 0x00, true, true, 0x00}, 0x26},
	{"CRC-8/CDMA2000", nil, Params{8, 0x9b, 0xff, false, false, 0x00}, 0xda},
	{"CRC-8/DARC", nil, Params{8, 0x39, 0x00, true, true, 0x00}, 0x15},
	{"CRC-8/DVB-S2", []string{"COSMOS-8"}, Params{8, 0xd5, 0x00, false, false, 0x00}, 0xbc},
	{"CRC-8/GSM-A", nil, Params{8, 0x1d, 0x00, false, false, 0x00}, 0x37},
	{"CRC-8/GSM-B", nil, Params{8, 0x49, 0x00, false, false, 0xff}, 0x94},
	{"CRC-8/HITAG", nil, Params{8, 0x1d, 0xff, false, false, 0x00}, 0xb4},
	{"CRC-8/I-432-1", []string{"CRC-8/ITU"}, Params{8, 0x07, 0x00, false, false, 0x55}, 0xa1},
	{"CRC-8/I-CODE", nil, Params{8, 0x1d, 0xfd, false, false, 0x00}, 0x7e},
	{"CRC-8/LTE", nil, Params{8, 0x9b, 0x00, false, false, 0x00}, 0xea},
	{"CRC-8/MAXIM-DOW", []string{"CRC-8/MAXIM", "DOW-CRC"}, Params{8, 0x31, 0x00, true, true, 0x00}, 0xa1},
	{"CRC-8/MIFARE-MAD", nil, Params{8, 0x1d, 0xc7, false, false, 0x00}, 0x99},
	{"CRC-8/NRSC-5", nil, Params{8, 0x31, 0xff, false, false, 0x00}, 0xf7},
	{"CRC-8/OPENSAFETY", nil, Params{8, 0x2f, 0x00, false, false, 0x00}, 0x3e},
	{"CRC-8/ROHC", nil, Params{8, 0x07, 0xff, true, true, 0x00}, 0xd0},
	{"CRC-8/SAE-J1850", nil, Params{8, 0x1d, 0xff, false, false, 0xff}, 0x4b},
	{"CRC-8/SMBUS", []string{"CRC-8"}, Params{8, 0x07, 0x00, false, false, 0x00}, 0xf4},
	{"CRC-8/TECH-3250", []string{"CRC-8/AES", "CRC-8/EBU"}, Params{8, 0x1d, 0xff, true, true, 0x00}, 0x97},
	{"CRC-8/WCDMA", nil, Params{8, 0x9b, 0x00, true, true, 0x00}, 0x25},

	{"CRC-10/ATM", []string{"CRC-10", "CRC-10/I-610"}, Params{10, 0x233, 0x000, false, false, 0x000}, 0x199},
	{"CRC-11/FLEXRAY", []string{"CRC-11"}, Params{11, 0x385, 0x01a, false, false, 0x000}, 0x5a3},
	{"CRC-12/DECT", []string{"X-CRC-12"}, Params{12, 0x80f, 0x000, false, false, 0x000}, 0xf5b},
	{"CRC-12/UMTS", []string{"CRC-12/3GPP"}, Params{12, 0x80f, 0x000, false, true, 0x000}, 0xdaf},
	{"CRC-14/DARC", nil, Params{14, 0x0805, 0x0000, true, true, 0x0000}, 0x082d},
	{"CRC-15/CAN", []string{"CRC-15"}, Params{15, 0x4599, 0x0000, false, false, 0x0000}, 0x059e},

	{"CRC-16/ARC", []string{"ARC", "CRC-16", "CRC-16/LHA", "CRC-IBM"}, Params{16, 0x8005, 0x0000, true, true, 0x0000}, 0xbb3d},
	{"CRC-16/CDMA2000", nil, Params{16, 0xc867, 0xffff, false, false, 0x0000}, 0x4c06},
	{"CRC-16/CMS", nil, Params{16, 0x8005, 0xffff, false, false, 0x0000}, 0xaee7},
	{"CRC-16/DDS-110", nil, Params{16, 0x8005, 0x800d, false, false, 0x0000}, 0x9ecf},
	{"CRC-16/DECT-R", []string{"R-CRC-16"}, Params{16, 0x0589, 0x0000, false, false, 0x0001}, 0x007e},
	{"CRC-16/DECT-X", []string{"X-CRC-16"}, Params{16, 0x0589, 0x0000, false, false, 0x0000}, 0x007f},
	{"CRC-16/DNP", nil, Params{16, 0x3d65, 0x0000, true, true, 0xffff}, 0xea82},
	{"CRC-16/EN-13757", nil, Params{16, 0x3d65, 0x0000, false, false, 0xffff}, 0xc2b7},
	{"CRC-16/GENIBUS", []string{"CRC-16/DARC", "CRC-16/EPC", "CRC-16/EPC-C1G2", "CRC-16/I-CODE"}, Params{16, 0x1021, 0xffff, false, false, 0xffff}, 0xd64e},
	{"CRC-16/GSM", nil, Params{16, 0x1021, 0x0000, false, false, 0xffff}, 0xce3c},
	{"CRC-16/IBM-3740", []string{"COSMOS-16", "CRC-16/CCITT-FALSE", "CCITT-FALSE", "CRC-16/AUTOSAR"}, Params{16, 0x1021, 0xffff, false, false, 0x0000}, 0x29b1},
	{"CRC-16/IBM-SDLC", []string{"CRC-16/X-25", "X-25", "X.25", "CRC-16/ISO-HDLC", "CRC-16/ISO-IEC-14443-3-B", "CRC-B"}, Params{16, 0x1021, 0xffff, true, true, 0xffff}, 0x906e},
	{"CRC-16/ISO-IEC-14443-3-A", []string{"CRC-A"}, Params{16, 0x1021, 0xc6c6, true, true, 0x0000}, 0xbf05},
	{"CRC-16/KERMIT", []string{"KERMIT", "CRC-16/CCITT", "CRC-16/CCITT-TRUE", "CRC-16/BLUETOOTH", "CRC-16/V-41-LSB", "CRC-CCITT"}, Params{16, 0x1021, 0x0000, true, true, 0x0000}, 0x2189},
	{"CRC-16/LJ1200", nil, Params{16, 0x6f63, 0x0000, false, false, 0x0000}, 0xbdf4},
	{"CRC-16/M17", nil, Params{16, 0x5935, 0xffff, false, false, 0x0000}, 0x772b},
	{"CRC-16/MAXIM-DOW", []string{"CRC-16/MAXIM"}, Params{16, 0x8005, 0x0000, true, true, 0xffff}, 0x44c2},
	{"CRC-16/MCRF4XX", nil, Params{16, 0x1021, 0xffff, true, true, 0x0000}, 0x6f91},
	{"CRC-16/MODBUS", []string{"MODBUS"}, Params{16, 0x8005, 0xffff, true, true, 0x0000}, 0x4b37},
	{"CRC-16/NRSC-5", nil, Params{16, 0x080b, 0xffff, true, true, 0x0000}, 0xa066},
	{"CRC-16/OPENSAFETY-A", nil, Params{16, 0x5935, 0x0000, false, false, 0x0000}, 0x5d38},
	{"CRC-16/PROFIBUS", []string{"CRC-16/IEC-61158-2"}, Params{16, 0x1dcf, 0xffff, false, false, 0xffff}, 0xa819},
	{"CRC-16/RIELLO", nil, Params{16, 0x1021, 0xb2aa, true, true, 0x0000}, 0x63d0},
	{"CRC-16/SPI-FUJITSU", []string{"CRC-16/AUG-CCITT"}, Params{16, 0x1021, 0x1d0f, false, false, 0x0000}, 0xe5cc},
	{"CRC-16/T10-DIF", nil, Params{16, 0x8bb7, 0x0000, false, false, 0x0000}, 0xd0db},
	{"CRC-16/TELEDISK", nil, Params{16, 0xa097, 0x0000, false, false, 0x0000}, 0x0fb3},
	{"CRC-16/TMS37157", nil, Params{16, 0x1021, 0x89ec, true, true, 0x0000}, 0x26b1},
	{"CRC-16/UMTS", []string{"CRC-16/BUYPASS", "CRC-16/VERIFONE"}, Params{16, 0x8005, 0x0000, false, false, 0x0000}, 0xfee8},
	{"CRC-16/USB", nil, Params{16, 0x8005, 0xffff, true, true, 0xffff}, 0xb4c8},
	{"CRC-16/XMODEM", []string{"XMODEM", "ZMODEM", "CRC-16/ACORN", "CRC-16/LTE", "CRC-16/V-41-MSB"}, Params{16, 0x1021, 0x0000, false, false, 0x0000}, 0x31c3},

	{"CRC-17/CAN-FD", nil, Params{17, 0x1685b, 0x00000, false, false, 0x00000}, 0x04f03},
	{"CRC-21/CAN-FD", nil, Params{21, 0x102899, 0x000000, false, false, 0x000000}, 0x0ed841},
	{"CRC-24/BLE", nil, Params{24, 0x00065b, 0x555555, true, true, 0x000000}, 0xc25a56},
	{"CRC-24/FLEXRAY-A", nil, Params{24, 0x5d6dcb, 0xfedcba, false, false, 0x000000}, 0x7979bd},
	{"CRC-24/INTERLAKEN", nil, Params{24, 0x328b63, 0xffffff, false, false, 0xffffff}, 0xb4f3e6},
	{"CRC-24/LTE-A", nil, Params{24, 0x864cfb, 0x000000, false, false, 0x000000}, 0xcde703},
	{"CRC-24/LTE-B", nil, Params{24, 0x800063, 0x000000, false, false, 0x000000}, 0x23ef52},
	{"CRC-24/OPENPGP", []string{"CRC-24"}, Params{24, 0x864cfb, 0xb704ce, false, false, 0x000000}, 0x21cf02},
	{"CRC-30/CDMA", nil, Params{30, 0x2030b9c7, 0x3fffffff, false, false, 0x3fffffff}, 0x04c34abf},
	{"CRC-31/PHILIPS", nil, Params{31, 0x04c11db7, 0x7fffffff, false, false, 0x7fffffff}, 0x0ce9e46c},

	{"CRC-32/AIXM", []string{"CRC-32Q"}, Params{32, 0x814141ab, 0x00000000, false, false, 0x00000000}, 0x3010bf7f},
	{"CRC-32/AUTOSAR", nil, Params{32, 0xf4acfb13, 0xffffffff, true, true, 0xffffffff}, 0x1697d06a},
	{"CRC-32/BASE91-D", []string{"CRC-32D"}, Params{32, 0xa833982b, 0xffffffff, true, true, 0xffffffff}, 0x87315576},
	{"CRC-32/BZIP2", []string{"CRC-32/AAL5", "CRC-32/DECT-B", "B-CRC-32"}, Params{32, 0x04c11db7, 0xffffffff, false, false, 0xffffffff}, 0xfc891918},
	{"CRC-32/CD-ROM-EDC", nil, Params{32, 0x8001801b, 0x00000000, true, true, 0x00000000}, 0x6ec2edc4},
	{"CRC-32/CKSUM", []string{"CKSUM", "CRC-32/POSIX"}, Params{32, 0x04c11db7, 0x00000000, false, false, 0xffffffff}, 0x765e7680},
	{"CRC-32/ISCSI", []string{"CRC-32C", "CRC-32/CASTAGNOLI", "CRC-32/BASE91-C", "CRC-32/INTERLAKEN"}, Params{32, 0x1edc6f41, 0xffffffff, true, true, 0xffffffff}, 0xe3069283},
	{"CRC-32/ISO-HDLC", []string{"COSMOS-32", "CRC-32", "CRC-32/ADCCP", "CRC-32/V-42", "CRC-32/XZ", "PKZIP"}, Params{32, 0x04c11db7, 0xffffffff, true, true, 0xffffffff}, 0xcbf43926},
	{"CRC-32/JAMCRC", []string{"JAMCRC"}, Params{32, 0x04c11db7, 0xffffffff, true, true, 0x00000000}, 0x340bc6d9},
	{"CRC-32/MEF", nil, Params{32, 0x741b8cd7, 0xffffffff, true, true, 0x00000000}, 0xd2c22f51},
	{"CRC-32/MPEG-2", nil, Params{32, 0x04c11db7, 0xffffffff, false, false, 0x00000000}, 0x0376e6e7},
	{"CRC-32/XFER", []string{"XFER"}, Params{32, 0x000000af, 0x00000000, false, false, 0x00000000}, 0xbd0be338},

	{"CRC-40/GSM", nil, Params{40, 0x0004820009, 0x0000000000, false, false, 0xffffffffff}, 0xd4164fc646},

	{"CRC-64/ECMA-182", []string{"CRC-64"}, Params{64, polyECMA, 0, false, false, 0}, 0x6c40df5f0b497347},
	{"CRC-64/GO-ISO", nil, Params{64, polyISO, ones, true, true, ones}, 0xb90956c775a41001},
	{"CRC-64/MS", nil, Params{64, 0x259c84cba6426349, ones, true, true, 0}, 0x75d4b74f024eceea},
	{"CRC-64/NVME", nil, Params{64, 0xad93d23594c93659, ones, true, true, ones}, 0xae8b14860a799888},
	{"CRC-64/REDIS", nil, Params{64, 0xad93d23594c935a9, 0, true, true, 0}, 0xe9c6d914c4b8d9ca},
	{"CRC-64/WE", nil, Params{64, polyECMA, ones, false, false, ones}, 0x62ec59e3f1a4f00a},
	{"CRC-64/XZ", []string{"COSMOS-64", "CRC-64/GO-ECMA"}, Params{64, polyECMA, ones, true, true, ones}, 0x995dc9bbdf1939fa},
}

// Presets returns the catalogue, ordered by width then name. The slice is a
// copy; changing it changes nothing here.
func Presets() []Preset { return append([]Preset(nil), presets...) }

// byName maps every upper-cased name and alias to its preset.
var byName = func() map[string]*Preset {
	m := map[string]*Preset{}
	for i := range presets {
		p := &presets[i]
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			k := strings.ToUpper(n)
			if _, dup := m[k]; dup {
				panic("crc: preset name " + n + " used twice")
			}
			m[k] = p
		}
	}
	return m
}()

// Lookup finds a preset by name or alias, ignoring case.
func Lookup(name string) (Preset, error) {
	if p, ok := byName[strings.ToUpper(strings.TrimSpace(name))]; ok {
		return *p, nil
	}
	return Preset{}, fmt.Errorf("unknown CRC preset %q (c3crc presets lists them)", name)
}

// MustPreset is Lookup for names fixed in code; it panics on an unknown name.
func MustPreset(name string) Preset {
	p, err := Lookup(name)
	if err != nil {
		panic(err)
	}
	return p
}

// Resolve turns a --preset argument into Params: a preset name or alias, or
// a RevEng model string ("width=16 poly=0x1021 init=0xffff refin=false
// refout=false xorout=0").
func Resolve(spec string) (Params, error) {
	if strings.Contains(spec, "=") {
		return ParseModel(spec)
	}
	p, err := Lookup(spec)
	return p.Params, err
}
