// Package crc computes cyclic redundancy checks of any width from 1 to 64
// bits under the full Rocksoft/RevEng parameter model (width, poly, init,
// refin, refout, xorout), with named presets for the catalogued CRCs and the
// COSMOS CRC protocol's parameters mapped onto that model.
//
// A Table is built once from Params and is safe for concurrent use. Parameter
// sets that hash/crc32 (IEEE with PCLMULQDQ, Castagnoli with SSE4.2) or
// hash/crc64 can compute take that fast path; every other set folds with
// carry-less multiplication where the CPU has it (clmul.go), or uses a
// slicing-by-16 table, which keeps even a CRC-16 faster than a pipe.
//
//	t := crc.New(crc.MustPreset("CRC-16/IBM-3740").Params)
//	sum := t.Checksum(frame)          // one shot
//	reg := t.Init()                   // streaming
//	reg = t.Update(reg, part1)
//	reg = t.Update(reg, part2)
//	sum = t.Final(reg)
package crc
