package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/miekg/dns"
)

// The floors: what the machine takes for the file work alone, with no DNS,
// no planning, no journal and no checks, 8 files at a time (spfpatch's
// default --parallel), in this process. They tell what part of
// spfpatch's time is the file system's (on a shared VM, creating a file and
// syncing it cost far more than on bare metal) and what part is its own.
//
//   - read floor (under plan): each zone file opened, read and parsed by
//     miekg/dns's ZoneParser, once.
//   - write floor (under apply): each zone file read, its SPF string
//     replaced, written to a new temporary file in the same directory,
//     fsynced and renamed over the file: the least an atomic, durable
//     replace of every file costs (spfpatch also keeps the owner, mode and
//     extended attributes, locks, journals and reads back).

// floorResult is a floor's wall and CPU time (user + system, getrusage).
type floorResult struct {
	wall, cpu time.Duration
}

// eachFile runs fn on every shop zone file of dir, 8 at a time.
func eachFile(dir string, n int, fn func(path string) error) (floorResult, error) {
	c0, t0 := cpuNow(), time.Now()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	sem := make(chan struct{}, 8)
	for i := 1; i <= n; i++ {
		path := filepath.Join(dir, fmt.Sprintf("s%06d.example.zone", i))
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			if err := fn(path); err != nil {
				mu.Lock()
				if first == nil {
					first = err
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return floorResult{time.Since(t0), cpuNow() - c0}, first
}

// readFloor reads and parses every zone file of dir once.
func readFloor(dir string, n int) (floorResult, error) {
	return eachFile(dir, n, func(path string) error {
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		zp := dns.NewZoneParser(bytes.NewReader(b), "", path)
		for _, ok := zp.Next(); ok; _, ok = zp.Next() {
		}
		return zp.Err()
	})
}

var (
	oldSPF = []byte(`"v=spf1 mx ip4:192.0.2.0/24 ~all"`)
	newSPF = []byte(`"v=spf1 mx ip4:192.0.2.0/24 include:e-shopsmail2.com ~all"`)
)

// writeFloor replaces every zone file of dir atomically and durably with
// its SPF string changed (verify then holds, as after an apply).
func writeFloor(dir string, n int) (floorResult, error) {
	return eachFile(dir, n, func(path string) error {
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".floor-tmp")
		f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		if _, err := f.Write(bytes.Replace(b, oldSPF, newSPF, 1)); err != nil {
			f.Close()
			return err
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		return os.Rename(tmp, path)
	})
}
