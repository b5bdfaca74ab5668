package resolver

import "github.com/miekg/dns"

// answerCache keeps answers in two generations: lookups read the current
// one, then the previous one, moving what they find there into the
// current one; when the current generation is full (entries or bytes) it
// becomes the previous one and the old previous one is dropped. So memory
// stays bounded at about twice the limits whatever the number of names
// asked, while answers asked again and again (the shared include of every
// shop) stay: each use carries them into the new generation. The caller
// holds Resolver.mu.
type answerCache struct {
	maxEntries, maxBytes int
	cur, old             map[qkey]*response
	curBytes             int
}

func (c *answerCache) init(entries, bytes int) {
	if entries <= 0 {
		entries = DefaultCacheSize
	}
	if bytes <= 0 {
		bytes = DefaultCacheBytes
	}
	c.maxEntries, c.maxBytes = entries, bytes/2
	c.flush()
}

func (c *answerCache) flush() {
	c.cur, c.old, c.curBytes = make(map[qkey]*response), nil, 0
}

func (c *answerCache) get(k qkey) *response {
	if r := c.cur[k]; r != nil {
		return r
	}
	if r := c.old[k]; r != nil {
		delete(c.old, k)
		c.put(k, r)
		return r
	}
	return nil
}

func (c *answerCache) put(k qkey, r *response) {
	if r.size == 0 {
		r.size = responseSize(k, r)
	}
	if _, ok := c.cur[k]; !ok {
		c.curBytes += r.size
	}
	c.cur[k] = r
	if len(c.cur) >= c.maxEntries || c.curBytes >= c.maxBytes {
		c.old, c.cur, c.curBytes = c.cur, make(map[qkey]*response, len(c.cur)), 0
	}
}

// forgetTypes are the types a Resolver asks for.
var forgetTypes = []uint16{dns.TypeA, dns.TypeAAAA, dns.TypeTXT, dns.TypeMX, dns.TypePTR, dns.TypeSOA, dns.TypeCNAME, dns.TypeNS}

// forget drops every answer for the name key k.
func (c *answerCache) forget(k string) {
	for _, t := range forgetTypes {
		q := qkey{k, t}
		if r, ok := c.cur[q]; ok {
			c.curBytes -= r.size
			delete(c.cur, q)
		}
		delete(c.old, q)
	}
}

// responseSize estimates the memory an answer holds: its records' data and
// a fixed cost for each record and the answer itself.
func responseSize(k qkey, r *response) int {
	n := 160 + len(k.name) + len(r.server)
	for _, rr := range r.answer {
		h := rr.Header()
		n += 96 + len(h.Name) + int(h.Rdlength)
	}
	return n
}
