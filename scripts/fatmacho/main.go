// Command fatmacho joins Mach-O executables of different CPUs (here the
// darwin/amd64 and darwin/arm64 builds of spfpatch) into one universal
// ("fat") binary, as Apple's lipo -create does, so that the release build
// runs on any machine with Go: there is no lipo outside macOS.
//
// The fat format (<mach-o/fat.h>): a big-endian header, magic 0xcafebabe
// and the number of slices; one fat_arch per slice (cputype, cpusubtype,
// offset, size, align as a power of two); then each slice, unchanged, at
// an offset aligned to 2^align. Go's debug/macho reads it back (OpenFat),
// which the test uses to check the result.
//
// Usage: go run ./scripts/fatmacho OUT IN...
package main

import (
	"debug/macho"
	"encoding/binary"
	"fmt"
	"io"
	"os"
)

const (
	fatMagic = 0xcafebabe
	// alignShift: 2^14 = 16 KiB, the page size of arm64 macOS, which
	// lipo uses for both arm64 and x86_64 slices.
	alignShift = 14
)

type slice struct {
	cpu, sub uint32
	data     []byte
}

func main() {
	if len(os.Args) < 4 {
		fmt.Fprintln(os.Stderr, "usage: fatmacho OUT IN IN...")
		os.Exit(2)
	}
	if err := join(os.Args[1], os.Args[2:]); err != nil {
		fmt.Fprintln(os.Stderr, "fatmacho:", err)
		os.Exit(1)
	}
}

// join writes the universal binary of ins to out.
func join(out string, ins []string) error {
	var slices []slice
	seen := map[uint32]string{}
	for _, in := range ins {
		data, err := os.ReadFile(in)
		if err != nil {
			return err
		}
		f, err := macho.Open(in)
		if err != nil {
			return fmt.Errorf("%s: %w", in, err)
		}
		cpu, sub := uint32(f.Cpu), f.SubCpu
		f.Close()
		if prev, dup := seen[cpu]; dup {
			return fmt.Errorf("%s and %s are for the same CPU (%v)", prev, in, macho.Cpu(cpu))
		}
		seen[cpu] = in
		slices = append(slices, slice{cpu: cpu, sub: sub, data: data})
	}
	w, err := os.OpenFile(out, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o755)
	if err != nil {
		return err
	}
	if err := write(w, slices); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

func align(n uint64) uint64 {
	const a = 1 << alignShift
	return (n + a - 1) &^ (a - 1)
}

func write(w io.Writer, slices []slice) error {
	header := []uint32{fatMagic, uint32(len(slices))}
	offset := align(uint64(8 + 20*len(slices)))
	var offsets []uint64
	for _, s := range slices {
		if offset+uint64(len(s.data)) > 1<<32-1 {
			return fmt.Errorf("slices too large for a 32-bit fat header")
		}
		offsets = append(offsets, offset)
		header = append(header, s.cpu, s.sub, uint32(offset), uint32(len(s.data)), alignShift)
		offset = align(offset + uint64(len(s.data)))
	}
	if err := binary.Write(w, binary.BigEndian, header); err != nil {
		return err
	}
	pos := uint64(4 * len(header))
	for i, s := range slices {
		if _, err := w.Write(make([]byte, offsets[i]-pos)); err != nil {
			return err
		}
		if _, err := w.Write(s.data); err != nil {
			return err
		}
		pos = offsets[i] + uint64(len(s.data))
	}
	return nil
}
