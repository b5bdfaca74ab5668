package resolver

import (
	"encoding/binary"
	"errors"

	"github.com/miekg/dns"
)

// Reading a reply. parseAnswer reads what the resolver uses of a message,
// exactly as miekg/dns's (*Msg).Unpack reads it (FuzzParseAnswer holds the
// two together), but without unpacking what it does not use into records:
// the owner names of the answer records are compared and copied in wire
// form, the authority and additional records are only checked. Nothing is
// sized from the header's counts, which the sender chooses: a message is
// read until its counts are met or it ends, whichever comes first.

// answer is what the resolver reads of a reply: the header bits it uses,
// whether the question is the one asked, the answer records, and the first
// SOA of the authority section.
type answer struct {
	tc, aa bool
	rcode  int // with the extended rcode of the OPT record
	// noQuestion: the message has no question section (QDCOUNT 0, or a
	// header alone, as some servers send with REFUSED).
	noQuestion bool
	// echoes: the one question is the one asked (name compared without
	// letter case, type and class).
	echoes  bool
	records []dns.RR
	soa     *dns.SOA
}

var (
	errShortAnswer = errors.New("dns: answer too short or malformed")
	errNotResponse = errors.New("dns: the message is not a response (QR bit clear)")
	errMismatch    = errors.New("answer does not match the question")
)

// maxPointers is how many compression pointers one name may follow, as
// miekg/dns allows.
const maxPointers = (255+1)/2 - 2

// parseAnswer reads a reply to a query whose question section (the name in
// wire form, type, class) is question; qname is that name in presentation
// form (the form miekg/dns unpacks it to).
func parseAnswer(b, question []byte, qname string) (a answer, err error) {
	if len(b) < 12 {
		return a, errShortAnswer
	}
	a.aa, a.tc, a.rcode = b[2]&0x04 != 0, b[2]&0x02 != 0, int(b[3]&0x0f)
	qd, an := int(binary.BigEndian.Uint16(b[4:])), int(binary.BigEndian.Uint16(b[6:]))
	ns, ar := int(binary.BigEndian.Uint16(b[8:])), int(binary.BigEndian.Uint16(b[10:]))
	off := 12
	if off == len(b) {
		// A header alone: Unpack gives just the header.
		a.noQuestion = true
		return a, nil
	}
	// The question section. As Unpack does, a last question cut after its
	// name or type is read as far as it goes.
	nq, qend := 0, 0
	for i := 0; i < qd; i++ {
		if off, err = checkName(b, off); err != nil {
			return a, err
		}
		for range 2 { // type, class
			if off < len(b) {
				if off+2 > len(b) {
					return a, errShortAnswer
				}
				off += 2
			}
		}
		nq++
		if i == 0 {
			qend = off
		}
	}
	a.noQuestion = nq == 0
	if nq == 1 {
		a.echoes = sameQuestion(b, 12, qend, question)
	}
	if a.tc {
		return a, nil // only the header matters: the query goes over TCP
	}
	// The owner name most answer records have: a pointer to the question's
	// name. When that name is the one asked, byte for byte, it is qname.
	owner := func(off int) (string, int, error) { return dns.UnpackDomainName(b, off) }
	if a.echoes && qend-4 == 12+len(question)-4 && string(b[12:qend-4]) == string(question[:len(question)-4]) {
		owner = func(off int) (string, int, error) {
			if off+1 < len(b) && b[off] == 0xc0 && b[off+1] == 12 {
				return qname, off + 2, nil
			}
			return dns.UnpackDomainName(b, off)
		}
	}
	for i := 0; i < an && off < len(b); i++ {
		var rr dns.RR
		if rr, off, err = readRR(b, off, owner); err != nil {
			return a, err
		}
		a.records = append(a.records, rr)
	}
	// The authority and additional sections: the first SOA of the authority
	// section is kept, the extended rcode of the last OPT record read; the
	// rest is checked as Unpack would read it, not kept.
	opt := -1
	for i := 0; i < ns+ar && off < len(b); i++ {
		start := off
		h, rdStart, rdEnd, err := readHeader(b, off, nil)
		if err != nil {
			return a, err
		}
		off = rdEnd
		switch {
		case i < ns && h.Rrtype == dns.TypeSOA && a.soa == nil:
			rr, _, err := readRR(b, start, owner)
			if err != nil {
				return a, err
			}
			a.soa = rr.(*dns.SOA)
			continue
		case i >= ns && h.Rrtype == dns.TypeOPT:
			opt = int(b[rdStart-6]) // the TTL's high byte: the extended rcode
		}
		if err := checkRData(b[:rdEnd], rdStart, h); err != nil {
			return a, err
		}
	}
	if opt >= 0 {
		a.rcode |= opt << 4 // RFC 6891 §6.1.3
	}
	return a, nil
}

// readHeader reads the header of the record at off: its owner name through
// owner (nil: checked, not read), type, class, TTL and RDLENGTH, as
// miekg/dns does; the RDATA is b[rdStart:rdEnd].
func readHeader(b []byte, off int, owner func(int) (string, int, error)) (h dns.RR_Header, rdStart, rdEnd int, err error) {
	if owner != nil {
		h.Name, off, err = owner(off)
	} else {
		off, err = checkName(b, off)
	}
	if err != nil {
		return h, 0, 0, err
	}
	if off+10 > len(b) {
		return h, 0, 0, errShortAnswer
	}
	h.Rrtype = binary.BigEndian.Uint16(b[off:])
	h.Class = binary.BigEndian.Uint16(b[off+2:])
	h.Ttl = binary.BigEndian.Uint32(b[off+4:])
	h.Rdlength = binary.BigEndian.Uint16(b[off+8:])
	rdStart = off + 10
	rdEnd = rdStart + int(h.Rdlength)
	if rdEnd > len(b) {
		return h, 0, 0, errShortAnswer
	}
	return h, rdStart, rdEnd, nil
}

// readRR reads the record at off as dns.UnpackRR does.
func readRR(b []byte, off int, owner func(int) (string, int, error)) (dns.RR, int, error) {
	h, rdStart, rdEnd, err := readHeader(b, off, owner)
	if err != nil {
		return nil, 0, err
	}
	// The RDATA is read from the message cut at its end, as miekg/dns
	// does: a name in it may point back, never past it.
	rr, end, err := dns.UnpackRRWithHeader(h, b[:rdEnd], rdStart)
	if err != nil {
		return nil, 0, err
	}
	return rr, max(end, rdEnd), nil
}

// checkRData checks the RDATA of a record the resolver does not keep, as
// miekg/dns would read it; b ends where the RDATA does. The usual types of
// the authority and additional sections are checked in place.
func checkRData(b []byte, rdStart int, h dns.RR_Header) error {
	if h.Rdlength == 0 {
		return nil // no RDATA: Unpack keeps the bare record
	}
	switch h.Rrtype {
	case dns.TypeA, dns.TypeAAAA:
		want := 4
		if h.Rrtype == dns.TypeAAAA {
			want = 16
		}
		if int(h.Rdlength) != want {
			return errShortAnswer
		}
		return nil
	case dns.TypeNS:
		end, err := checkName(b, rdStart)
		if err == nil && end != len(b) {
			err = errShortAnswer
		}
		return err
	}
	h.Name = "."
	_, _, err := dns.UnpackRRWithHeader(h, b, rdStart)
	return err
}

// checkName returns the offset after the domain name at off, refusing what
// dns.UnpackDomainName refuses (a name past the end, a reserved label type,
// over 255 octets, too many compression pointers), without building it.
func checkName(b []byte, off int) (int, error) {
	end, budget, ptrs := 0, 255, 0
	for {
		if off >= len(b) {
			return 0, errShortAnswer
		}
		c := int(b[off])
		off++
		switch c & 0xc0 {
		case 0x00:
			if c == 0 {
				if ptrs == 0 {
					end = off
				}
				return end, nil
			}
			if off+c > len(b) {
				return 0, errShortAnswer
			}
			if budget -= c + 1; budget <= 0 {
				return 0, errShortAnswer
			}
			off += c
		case 0xc0:
			if off >= len(b) {
				return 0, errShortAnswer
			}
			c1 := int(b[off])
			off++
			if ptrs == 0 {
				end = off
			}
			if ptrs++; ptrs > maxPointers {
				return 0, errShortAnswer
			}
			off = (c^0xc0)<<8 | c1
		default:
			return 0, errShortAnswer // 0x40 and 0x80 are reserved
		}
	}
}

// sameQuestion reports whether b[off:end], a question as received, is
// question: the same bytes, but for the letter case of the name. A name
// written with a compression pointer is compared by its expansion.
func sameQuestion(b []byte, off, end int, question []byte) bool {
	got := b[off:end]
	if len(got) == len(question) && equalFoldASCII(got, question) {
		return true
	}
	// A pointer, or different bytes: compare the names as miekg/dns reads them.
	name, n, err := dns.UnpackDomainName(b, off)
	if err != nil || n+4 != end {
		return false
	}
	want, qn, err := dns.UnpackDomainName(question, 0)
	if err != nil || qn+4 != len(question) {
		return false
	}
	return key(name) == key(want) && string(b[n:end]) == string(question[qn:])
}

func equalFoldASCII(a, b []byte) bool {
	for i := range a {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// answerOf takes what the resolver uses from a miekg/dns message (the TCP
// path), the answer to a query for name (canonical form) and qtype.
func answerOf(m *dns.Msg, name string, qtype uint16) answer {
	a := answer{aa: m.Authoritative, tc: m.Truncated, rcode: m.Rcode, records: m.Answer, noQuestion: len(m.Question) == 0}
	if len(m.Question) == 1 {
		q := m.Question[0]
		a.echoes = q.Qtype == qtype && q.Qclass == dns.ClassINET && key(q.Name) == asciiLower(name)
	}
	for _, rr := range m.Ns {
		if soa, ok := rr.(*dns.SOA); ok {
			a.soa = soa
			break
		}
	}
	return a
}
