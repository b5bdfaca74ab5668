// Package resolver is spfpatch's DNS client, the only place that talks DNS
// with github.com/miekg/dns. It asks the nameservers given with --nameserver
// (or those of resolv.conf), finds a name's zone by an SOA walk, polls
// authoritative servers directly, and answers names of --zone-dir zone files
// offline. It imports nothing of spfpatch.
//
// A *Resolver satisfies spfcheck.Resolver, the shape of *net.Resolver:
// LookupTXT, LookupNetIP, LookupMX and LookupAddr. Errors are *net.DNSError:
// IsNotFound for NXDOMAIN and for NODATA (no records of the asked type); IsTemporary
// for SERVFAIL, REFUSED and other failure rcodes, timeouts (also IsTimeout),
// network errors and cancellation. Name is the name as the caller gave it,
// Server the server that answered ("ADDR:PORT", or "zone file PATH"), and
// Err says what happened, naming the CNAME target when the failure was
// there. UnwrapErr holds one of the Err* sentinels (or the context's error),
// for errors.Is.
//
// # Queries
//
// Each query is a UDP message with RD set and an EDNS0 OPT record
// (Config.UDPSize, default 1232), asked again over TCP when the answer is
// truncated. Servers are tried in order, each exchange bounded by
// Config.Timeout and the caller's context; servers that time out are asked
// again in up to Config.Retries more rounds, a server that answers with a
// failure rcode is not asked again. An answer must carry the query's random
// ID, be a response and echo the question; a datagram that does not (a late
// answer to an earlier query, a forgery, a malformed message) is skipped and
// the wait goes on, and when no answer comes the error says why the last one
// was skipped. A header alone with the query's ID and a failure rcode (as
// some servers send REFUSED) is taken as that rcode. A reply is read as
// (*dns.Msg).Unpack reads it, but nothing is sized from its counts. A wait
// is bounded by the socket's deadline (the sooner of Config.Timeout and the
// context's deadline), and a context cancelled before its deadline ends the
// wait within 100 ms. LimitQueries bounds the messages sent under a context.
//
// UDP sockets are kept per server (Config.IdleSockets idle ones) and reused
// only after a clean exchange, each for at most 100 queries: the source port
// of a query is not random per query but stays for up to 100 queries in a
// row, traded for the cost of a socket per query. That suits what this
// resolver is, a stub asking a local or trusted recursive resolver (or an
// authoritative server directly); the random ID and the question check
// still guard every answer. Across the internet to an untrusted path, a
// port per query would be safer against off-path forgery.
//
// # Names
//
// Names are text whose every byte is a label octet, except '.', which
// separates labels; the trailing dot is optional. Spaces, '%', '\' and
// other bytes an SPF macro expansion can produce go on the wire as they are
// (a '\' is a backslash, not an escape). A name that contains non-ASCII
// text and is valid UTF-8 is mapped and converted to A-labels (UTS #46
// lookup mapping without STD3 rules, so "_spf.bücher.example" works);
// other bytes are sent unchanged. A name with an empty label, a label over
// 63 octets or over 253 octets (RFC 1035 §2.3.4) cannot exist: it fails
// with IsNotFound and ErrInvalidName, and nothing is sent.
//
// Names returned (MX hosts, PTR and NS targets, CNAME targets, zones) are
// fully qualified text in the same form, escapes decoded; a dot inside a
// label, which that form cannot show, is returned as `\.`. Names are
// compared case-insensitively for ASCII letters only (RFC 4343).
//
// TXT strings are returned as the octets on the wire: miekg/dns keeps them
// with presentation escapes (\", \\, \DDD), which are decoded.
//
// # CNAME
//
// CNAME records in an answer are followed (a recursive server includes the
// chain); when an answer ends at a CNAME without data and without an SOA, the
// target is asked for. At most MaxCNAMEHops (8) CNAME records are followed.
// A chain that comes back to a name already seen fails with ErrCNAMELoop,
// a longer chain with ErrCNAMEChain; both errors are neither IsNotFound nor
// IsTemporary, as the data is broken rather than absent or unreachable.
// NXDOMAIN after a chain is about its last name (RFC 6604).
//
// # Cache
//
// A Resolver caches positive and negative (NXDOMAIN, NODATA) answers per
// lower-cased name and type, ignoring TTLs: a run is short. The cache is
// bounded (Config.CacheSize answers, Config.CacheBytes bytes, about twice
// that at most); the answers not used for longest go first, so the names
// every domain of a run shares stay. Failures are not cached. Forget drops
// a name, Flush everything. Identical queries in flight at the same time
// are sent once: the caller that asks first sends it, in its own
// goroutine and under its own context; every caller stops waiting when its
// own context ends, and when the sender gives up, the callers still waiting
// ask again. Stats reports the queries sent, the questions asked anew and
// the cache hits.
//
// # Zone files
//
// With Config.ZoneDir, every regular file of that directory (not those whose
// name starts with '.' or ends with '~') is an RFC 1035 zone file of one
// zone. Relative names are completed with the file name minus a .zone or .db
// extension; the zone is the owner of the file's SOA record, or that name when
// there is no SOA. Names in those zones are answered from the files, never
// from the network, as their authoritative server would: records in file
// order, NXDOMAIN and NODATA with the zone's SOA, a CNAME (followed as
// above), empty non-terminals as NODATA, and the wildcard of the closest
// encloser (RFC 4592 §4.1, the plain case). Names at or below a delegation
// (NS records below the apex) and names outside the zones go to the
// nameservers. A file is re-read when the directory or the file changes
// (mtime, size, or a rename over it), checked with a stat on every offline
// lookup; Forget and Flush force a re-read. A file that does not parse
// fails every name of its zone with a temporary error naming the file;
// ReloadZones reports such problems at once.
//
// # Divergences
//
//   - TTLs are ignored: answers are kept until the cache bound drops them.
//   - LookupNetIP looks up its host as a name even when it is an IP literal,
//     and LookupMX keeps answer order (net.Resolver sorts by preference).
//   - Names are not completed with resolv.conf search domains.
//   - No DNSSEC validation; no DNAME handling besides the CNAME records a
//     server synthesises; the AD and CD bits are not used.
//   - Zone files: $INCLUDE is refused, classes other than IN are ignored,
//     and wildcards only synthesise records of the asked type or a CNAME
//     (no wildcard NS or delegation below a wildcard).
package resolver
