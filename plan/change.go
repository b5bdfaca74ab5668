// Package plan turns targets into a list of changes to SPF TXT records,
// renders them, applies them through a DNS provider with a journal, and
// rolls them back.
//
// The flow is terraform's: Build computes every Change first (targets ->
// zone -> live TXT RRset -> desired RRset -> lookup accounting); Render
// and the JSON output only show it; Apply writes it. plan depends on the
// narrow RecordStore interface built from libdns, never on a concrete
// provider or on a DNS library.
//
// Data safety (SPEC.md): only the one SPF string at a name changes; every
// other TXT record at the name is handed back to the provider exactly as
// read, with its TTL; a write is refused when the live RRset differs from the
// one the plan was made from; the before and after RRsets are journaled and
// fsynced before any write; a change that would leave the record over a
// lookup limit, with two SPF records, or at a CNAME is refused.
package plan

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spfpatch/spfpatch/spfedit"
)

// Action says what a Change does.
type Action int

// Actions, with terraform's symbols: + create, ~ update, " " no-op, ! error.
const (
	NoOp Action = iota
	Create
	Update
	Error
)

var actionNames = [...]string{"no-op", "create", "update", "error"}

func (a Action) String() string {
	if a < 0 || int(a) >= len(actionNames) {
		return "invalid"
	}
	return actionNames[a]
}

// Symbol is the one-character marker of the action in text output.
func (a Action) Symbol() string { return [...]string{" ", "+", "~", "!"}[a] }

// MarshalText makes Action a JSON string.
func (a Action) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText parses an action name.
func (a *Action) UnmarshalText(b []byte) error {
	for i, n := range actionNames {
		if n == string(b) {
			*a = Action(i)
			return nil
		}
	}
	return msgErr(nil, "saved.unknown-action", string(b))
}

// Pending reports whether the action writes something.
func (a Action) Pending() bool { return a == Create || a == Update }

// TXT is one TXT record: its text (character-strings joined), TTL and,
// when the provider reports them, its character-strings. Records are kept
// as records: two records whose joined texts are equal ("token=abc" and
// "token=" "abc") stay two records, each with its own strings.
type TXT struct {
	Text string        `json:"text"`
	TTL  time.Duration `json:"ttl"`
	// Strings are the record's character-strings as the provider holds
	// them; nil when the provider only gives the joined text.
	Strings []string `json:"strings,omitempty"`
}

// RRset is the complete TXT RRset at one name, in the provider's order.
type RRset []TXT

// Texts returns the record texts.
func (s RRset) Texts() []string {
	out := make([]string, len(s))
	for i, t := range s {
		out[i] = t.Text
	}
	return out
}

// Fingerprint identifies an RRset's content independent of record order:
// SHA-256 over the sorted records (TTL, text and, where known, strings).
func (s RRset) Fingerprint() string {
	lines := make([]string, len(s))
	var b []byte
	for i, t := range s {
		b = strconv.AppendInt(b[:0], int64(t.TTL/time.Second), 10)
		b = strconv.AppendQuote(append(b, ' '), t.Text)
		if t.Strings != nil {
			b = append(b, " ["...)
			for j, x := range t.Strings {
				if j > 0 {
					b = append(b, ' ')
				}
				b = strconv.AppendQuote(b, x)
			}
			b = append(b, ']')
		}
		lines[i] = string(b)
	}
	sort.Strings(lines)
	h := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	return "sha256:" + hex.EncodeToString(h[:])
}

// Equal reports whether two RRsets hold the same records (strings, where
// both sides know them, and TTLs), in any order.
func (s RRset) Equal(o RRset) bool {
	a, b := matchRRsets(s, o, false)
	return len(a) == 0 && len(b) == 0
}

// SameTexts reports whether two RRsets hold the same records, in any order,
// whatever their TTLs (some providers coerce TTLs). Records are compared one
// for one (by their strings where both sides know them), never merged.
func (s RRset) SameTexts(o RRset) bool {
	a, b := matchRRsets(s, o, true)
	return len(a) == 0 && len(b) == 0
}

// sameStrings: both records' strings are known and equal, or one side does
// not know them.
func sameStrings(a, b TXT) bool {
	return a.Strings == nil || b.Strings == nil || slices.Equal(a.Strings, b.Strings)
}

// matchRRsets pairs the records of a and b one for one and returns those
// left over on each side. Records pair when their texts (and, unless
// ignoreTTL, TTLs) are equal and their strings are, where both sides know
// them; pairs with known, equal strings are made first.
func matchRRsets(a, b RRset, ignoreTTL bool) (onlyA, onlyB RRset) {
	usedA, usedB := make([]bool, len(a)), make([]bool, len(b))
	for pass := 0; pass < 2; pass++ {
		for i, x := range a {
			if usedA[i] {
				continue
			}
			for j, y := range b {
				if usedB[j] || x.Text != y.Text || (!ignoreTTL && x.TTL != y.TTL) {
					continue
				}
				exact := x.Strings != nil && y.Strings != nil && slices.Equal(x.Strings, y.Strings)
				if (pass == 0 && exact) || (pass == 1 && (x.Strings == nil || y.Strings == nil)) {
					usedA[i], usedB[j] = true, true
					break
				}
			}
		}
	}
	for i, x := range a {
		if !usedA[i] {
			onlyA = append(onlyA, x)
		}
	}
	for j, y := range b {
		if !usedB[j] {
			onlyB = append(onlyB, y)
		}
	}
	return onlyA, onlyB
}

// Change is the plan for one target.
type Change struct {
	Target   Target `json:"target"`
	Name     string `json:"name"`              // owner name, FQDN with trailing dot
	Zone     string `json:"zone"`              // zone, FQDN with trailing dot
	Provider string `json:"provider"`          // provider name
	Profile  string `json:"profile,omitempty"` // agency config profile
	Action   Action `json:"action"`
	// Rollback marks a change that restores a journal's before RRset.
	Rollback bool `json:"rollback,omitempty"`
	// Situation names the help article's case: "already-authorised",
	// "needs-include", "no-spf-record", or "" for errors.
	Situation string `json:"situation,omitempty"`

	Before RRset `json:"before"` // the complete live TXT RRset
	After  RRset `json:"after"`  // the complete RRset to write
	// BeforeSPF and AfterSPF are the SPF record before and after, and
	// AfterStrings the character-strings AfterSPF is written as.
	BeforeSPF    string   `json:"before_spf"`
	AfterSPF     string   `json:"after_spf"`
	AfterStrings []string `json:"after_strings,omitempty"`
	Fingerprint  string   `json:"fingerprint"` // of Before

	LookupsBefore int `json:"lookups_before"`
	LookupsAfter  int `json:"lookups_after"`
	VoidBefore    int `json:"void_lookups_before"`
	VoidAfter     int `json:"void_lookups_after"`

	Warnings []spfedit.Warning `json:"warnings"`
	// Inputs are what the change was computed from; apply computes the SPF
	// string again from the live record with them (see guard.go).
	Inputs *Inputs `json:"inputs,omitempty"`
	// Restore is, for a rollback, the journal entry it restores.
	Restore *Restore `json:"restore,omitempty"`
	// FromFile marks a change read from a saved plan file.
	FromFile bool `json:"-"`
	// Code and Message explain an Error (or what to do for a no-op that
	// needs the user): Code is stable for scripts, Message is for people.
	Code    string `json:"code,omitempty"`
	Message string `json:"message,omitempty"`
}

// Error codes of a Change.
const (
	CodeBadTarget     = "bad-target"
	CodeFreeMail      = "free-mail"
	CodeNoZone        = "no-zone"
	CodeProvider      = "provider-error"
	CodeCNAME         = "cname"
	CodeWildcard      = "wildcard"
	CodeNoSPF         = "no-spf-record"
	CodeMultipleSPF   = "multiple-spf-records"
	CodeSyntax        = "syntax-error"
	CodeOverLimit     = "over-limit"
	CodeBrokenInclude = "broken-include"
	CodeDNS           = "dns-error"
	CodeDrift         = "drift"
	CodeWrite         = "write-failed"
	CodeVerify        = "verify-failed"
	CodeManual        = "manual"
	CodeInterrupted   = "interrupted"
	CodeUnsafe        = "unsafe-for-provider"
	CodeIneffective   = "include-ineffective"
	CodeDuplicate     = "duplicate"    // the same domain given twice: planned once
	CodeConfig        = "config-error" // a bad entry of the agency config file
)

// Summary counts the changes of a plan.
type Summary struct {
	Create    int `json:"create"`
	Update    int `json:"update"`
	Unchanged int `json:"unchanged"`
	Failed    int `json:"failed"`
}

// Plan is a list of changes, in target order.
type Plan struct {
	Changes []*Change `json:"changes"`
}

// Summary counts the plan's actions.
func (p *Plan) Summary() Summary {
	var s Summary
	for _, c := range p.Changes {
		switch c.Action {
		case Create:
			s.Create++
		case Update:
			s.Update++
		case NoOp:
			s.Unchanged++
		default:
			s.Failed++
		}
	}
	return s
}

// Pending reports whether any change would write.
func (p *Plan) Pending() bool {
	for _, c := range p.Changes {
		if c.Action.Pending() {
			return true
		}
	}
	return false
}

// Failed reports whether any change is an error.
func (p *Plan) Failed() bool { return p.Summary().Failed > 0 }

// MarshalJSON keeps nil slices as [] so scripts need no null checks
// (jsonenc.go writes it).
func (c *Change) MarshalJSON() ([]byte, error) { return c.AppendJSON(nil), nil }

// MarshalJSON writes TTLs in seconds. A text that is not valid UTF-8 (TXT
// records may hold any bytes) is written as text_base64 instead, so saved
// plans and journals keep every byte (encoding/json would turn such bytes
// into U+FFFD); the strings likewise as strings_base64.
func (t TXT) MarshalJSON() ([]byte, error) { return t.appendJSON(nil), nil }

// UnmarshalJSON reads TTLs in seconds, text or text_base64, and strings or
// strings_base64.
func (t *TXT) UnmarshalJSON(b []byte) error {
	var v struct {
		Text          string   `json:"text"`
		Base64        *string  `json:"text_base64"`
		TTL           int64    `json:"ttl"`
		Strings       []string `json:"strings"`
		StringsBase64 []string `json:"strings_base64"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	t.Text, t.TTL, t.Strings = v.Text, time.Duration(v.TTL)*time.Second, v.Strings
	if v.Base64 != nil {
		raw, err := base64.StdEncoding.DecodeString(*v.Base64)
		if err != nil {
			return fmt.Errorf("text_base64: %w", err)
		}
		t.Text = string(raw)
	}
	if v.StringsBase64 != nil {
		t.Strings = make([]string, len(v.StringsBase64))
		for i, s := range v.StringsBase64 {
			raw, err := base64.StdEncoding.DecodeString(s)
			if err != nil {
				return fmt.Errorf("strings_base64: %w", err)
			}
			t.Strings[i] = string(raw)
		}
	}
	if t.Strings != nil && strings.Join(t.Strings, "") != t.Text {
		return fmt.Errorf("strings %q do not make the text %q", t.Strings, t.Text)
	}
	return nil
}
