// Command floor is the minimal DNS client of spfpatch's scale benchmark: it
// sends a list of questions (the ones a spfpatch run sent, as
// bench/dnsproxy -questions writes them) to one server and waits for every
// answer, with -sockets UDP sockets each keeping one query outstanding, the
// queries packed before the clock starts and the answers only matched by
// ID, not parsed; a truncated answer is asked again over TCP, as spfpatch
// does. Its time is what the server allows for those questions: the floor
// spfpatch's time is compared with.
//
//	floor -server 127.0.0.1:5300 -questions questions.txt [-sockets 64]
//
// It prints one JSON object: questions, seconds, UDP and TCP queries,
// timeouts.
package main

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/miekg/dns"
)

func main() {
	server := flag.String("server", "127.0.0.1:5300", "`ADDR:PORT` of the server (loopback)")
	questions := flag.String("questions", "", "`FILE` of questions: NAME TYPE [COUNT] a line")
	sockets := flag.Int("sockets", 64, "UDP sockets, one query outstanding on each")
	timeout := flag.Duration("timeout", 2*time.Second, "wait for one answer")
	flag.Parse()
	ap, err := netip.ParseAddrPort(*server)
	if err != nil || !ap.Addr().IsLoopback() {
		fail("-server %q: want a loopback ADDR:PORT", *server)
	}
	qs, err := load(*questions)
	if err != nil {
		fail("%v", err)
	}
	var next, tcp, timeouts atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range *sockets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := net.DialUDP("udp", nil, net.UDPAddrFromAddrPort(ap))
			if err != nil {
				fail("%v", err)
			}
			defer c.Close()
			buf := make([]byte, 65535)
			for {
				i := next.Add(1) - 1
				if i >= int64(len(qs)) {
					return
				}
				q := qs[i]
				_ = c.SetDeadline(time.Now().Add(*timeout))
				if _, err := c.Write(q); err != nil {
					fail("%v", err)
				}
				for {
					n, err := c.Read(buf)
					if err != nil {
						timeouts.Add(1)
						break
					}
					if n < 12 || buf[0] != q[0] || buf[1] != q[1] {
						continue
					}
					if buf[2]&0x02 != 0 { // TC: ask again over TCP
						tcp.Add(1)
						if err := overTCP(*server, q, *timeout); err != nil {
							timeouts.Add(1)
						}
					}
					break
				}
			}
		}()
	}
	wg.Wait()
	secs := time.Since(start).Seconds()
	_ = json.NewEncoder(os.Stdout).Encode(map[string]any{
		"questions": len(qs), "seconds": float64(int(secs*1000)) / 1000, "sockets": *sockets,
		"udp": len(qs), "tcp": tcp.Load(), "timeouts": timeouts.Load(),
	})
}

func overTCP(server string, q []byte, timeout time.Duration) error {
	c, err := net.DialTimeout("tcp", server, timeout)
	if err != nil {
		return err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(timeout))
	b := make([]byte, 2+len(q))
	binary.BigEndian.PutUint16(b, uint16(len(q)))
	copy(b[2:], q)
	if _, err := c.Write(b); err != nil {
		return err
	}
	var l [2]byte
	if _, err := readFull(c, l[:]); err != nil {
		return err
	}
	_, err = readFull(c, make([]byte, binary.BigEndian.Uint16(l[:])))
	return err
}

func readFull(c net.Conn, b []byte) (int, error) {
	n := 0
	for n < len(b) {
		k, err := c.Read(b[n:])
		n += k
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// load reads the questions and packs each as spfpatch sends it: RD set,
// EDNS0 with a 1232-byte payload, a distinct ID.
func load(path string) ([][]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out [][]byte
	sc := bufio.NewScanner(f)
	id := uint16(1)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) < 2 {
			continue
		}
		t, ok := dns.StringToType[fs[1]]
		if !ok {
			return nil, fmt.Errorf("%s: type %q", path, fs[1])
		}
		count := 1
		if len(fs) > 2 {
			if count, err = strconv.Atoi(fs[2]); err != nil {
				return nil, fmt.Errorf("%s: count %q", path, fs[2])
			}
		}
		for range count {
			m := new(dns.Msg)
			m.SetQuestion(fs[0], t)
			m.SetEdns0(1232, false)
			m.Id = id
			id++
			b, err := m.Pack()
			if err != nil {
				return nil, err
			}
			out = append(out, b)
		}
	}
	return out, sc.Err()
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "floor: "+format+"\n", args...)
	os.Exit(1)
}
