package resolver

import (
	"context"
	"errors"
	"fmt"
	"net"

	"github.com/miekg/dns"
)

// Sentinels carried by the UnwrapErr field of the *net.DNSError values this
// package returns; test for them with errors.Is.
var (
	// ErrCNAMELoop: following CNAME records came back to a name already
	// seen. The error is neither IsNotFound nor IsTemporary.
	ErrCNAMELoop = errors.New("resolver: CNAME loop")
	// ErrCNAMEChain: more than MaxCNAMEHops CNAME records in a row. The
	// error is neither IsNotFound nor IsTemporary.
	ErrCNAMEChain = errors.New("resolver: CNAME chain too long")
	// ErrInvalidName: the name has an empty label, a label over 63 octets or
	// is over 253 octets. No query is sent; the error IsNotFound, as no such
	// name can exist in the DNS.
	ErrInvalidName = errors.New("resolver: invalid domain name")
	// ErrNXDOMAIN: the name does not exist (rcode NXDOMAIN). IsNotFound.
	ErrNXDOMAIN = errors.New("resolver: no such domain")
	// ErrNODATA: the name exists but has no records of the asked type.
	// IsNotFound.
	ErrNODATA = errors.New("resolver: no records of the asked type")
	// ErrServer: the server answered with a failure rcode (SERVFAIL,
	// REFUSED, ...), an answer not matching the question, or a referral
	// where an authoritative answer was asked for. IsTemporary.
	ErrServer = errors.New("resolver: server failure")
	// ErrQueryLimit: the query was not sent, as the limit given with
	// LimitQueries was reached. IsTemporary.
	ErrQueryLimit = errors.New("resolver: query limit reached")
)

func errQueryLimit(name string) *net.DNSError {
	return &net.DNSError{
		UnwrapErr:   ErrQueryLimit,
		Err:         "not sent: the limit of queries for this check was reached",
		Name:        name,
		IsTemporary: true,
	}
}

// zoneFileServer names the source of an offline answer in errors.
func zoneFileServer(path string) string { return "zone file " + path }

func errInvalidName(name string, why error) *net.DNSError {
	return &net.DNSError{
		UnwrapErr:  ErrInvalidName,
		Err:        "invalid domain name: " + why.Error() + " (not queried)",
		Name:       name,
		IsNotFound: true,
	}
}

func errNXDOMAIN(name, server string) *net.DNSError {
	return &net.DNSError{
		UnwrapErr:  ErrNXDOMAIN,
		Err:        "no such domain (NXDOMAIN)",
		Name:       name,
		Server:     server,
		IsNotFound: true,
	}
}

func errNODATA(name, server string, qtype uint16) *net.DNSError {
	return &net.DNSError{
		UnwrapErr:  ErrNODATA,
		Err:        "no " + dns.TypeToString[qtype] + " records (NODATA)",
		Name:       name,
		Server:     server,
		IsNotFound: true,
	}
}

func errRcode(name, server string, rcode int) *net.DNSError {
	s, ok := dns.RcodeToString[rcode]
	if !ok {
		s = fmt.Sprintf("RCODE%d", rcode)
	}
	msg := "server answered " + s
	switch rcode {
	case dns.RcodeServerFailure:
		msg = "server failure (SERVFAIL)"
	case dns.RcodeRefused:
		msg = "query refused (REFUSED)"
	}
	return &net.DNSError{
		UnwrapErr:   ErrServer,
		Err:         msg,
		Name:        name,
		Server:      server,
		IsTemporary: true,
	}
}

func errBadAnswer(name, server, what string) *net.DNSError {
	return &net.DNSError{
		UnwrapErr:   ErrServer,
		Err:         what,
		Name:        name,
		Server:      server,
		IsTemporary: true,
	}
}

// errNetwork describes a failed exchange: a timeout, an unreachable server, a
// malformed message.
func errNetwork(name, server string, err error, timeout bool, attempt string) *net.DNSError {
	e := &net.DNSError{
		Name:        name,
		Server:      server,
		IsTemporary: true,
		IsTimeout:   timeout,
	}
	if timeout {
		e.Err = "no response within " + attempt + " (timeout)"
	} else {
		e.Err = "network error: " + err.Error()
	}
	return e
}

// errContext reports that the caller's context ended the lookup.
func errContext(name string, err error) *net.DNSError {
	return &net.DNSError{
		UnwrapErr:   err,
		Err:         "lookup aborted: " + err.Error(),
		Name:        name,
		IsTemporary: true,
		IsTimeout:   errors.Is(err, context.DeadlineExceeded),
	}
}

func errCNAME(name string, sentinel error, detail string) *net.DNSError {
	return &net.DNSError{
		UnwrapErr: sentinel,
		Err:       detail,
		Name:      name,
	}
}

// relabel returns err with Name set to the name the caller asked for; first,
// the canonical form of that name. An error about another name (a CNAME
// target) says so in its message. The error is copied: errors are shared
// between the callers of one in-flight query.
func relabel(err error, asked, first string) error {
	var de *net.DNSError
	if !errors.As(err, &de) {
		return err
	}
	c := *de
	if c.Name != "" && first != "" && key(c.Name) != key(first) {
		c.Err += " at CNAME target " + rawName(c.Name)
	}
	c.Name = asked
	return &c
}
