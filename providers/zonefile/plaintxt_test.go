package zonefile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// TestPlainTXTAsParsed: the TXT records plainTXT builds are those the zone
// parser reads from the same line, and what it does not take (escapes,
// bytes outside printable ASCII, bad names) is left to the parser.
func TestPlainTXTAsParsed(t *testing.T) {
	long := strings.Repeat("x", 255)
	cases := []struct {
		name  string
		strs  []string
		plain bool
	}{
		{"shop.example.", []string{"v=spf1 mx include:e-shopsmail2.com ~all"}, true},
		{"Shop.Example.", []string{"v=spf1 ip4:192.0.2.0/24", " -all"}, true},
		{"_dmarc.shop.example.", []string{"v=DMARC1; p=none"}, true},
		{"*.shop.example.", []string{"a b  c", "{}[]()<>;$@!#%^&*=+|~`'?,./:"}, true},
		{"s-1.shop.example.", []string{long, long, "y"}, true},
		{"shop.example.", []string{`say "hi"`}, false},
		{"shop.example.", []string{`back\slash`}, false},
		{"shop.example.", []string{"tab\there"}, false},
		{"shop.example.", []string{"caf\xc3\xa9"}, false},
		{"shop.example.", []string{""}, false},
		{"shop.example.", []string{long + "x"}, false},
		{`sh\046op.example.`, []string{"x"}, false},
		{"shop.example", []string{"x"}, false},
		{strings.Repeat("a", 64) + ".example.", []string{"x"}, false},
	}
	for _, c := range cases {
		rr, ok := plainTXT(c.name, 300, c.strs)
		if ok != c.plain {
			t.Errorf("plainTXT(%q, %q): ok %v, want %v", c.name, c.strs, ok, c.plain)
			continue
		}
		if !ok {
			continue
		}
		q := make([]string, len(c.strs))
		for i, s := range c.strs {
			q[i] = quoteTXT(s)
		}
		parsed, err := parseRRs([]byte(c.name+" "+strconv.Itoa(300)+" IN TXT "+strings.Join(q, " ")), "example.")
		if err != nil || len(parsed) != 1 {
			t.Fatalf("parse %q %q: %v %v", c.name, c.strs, parsed, err)
		}
		if !reflect.DeepEqual(rr, parsed[0]) {
			t.Errorf("plainTXT(%q, %q) = %#v, the parser reads %#v", c.name, c.strs, rr, parsed[0])
		}
	}
}

// TestReadRegularKey: the key readRegular returns is the one a stat of the
// file gives (else no read would ever be taken from the cache), and it
// reads every byte, also of a file longer than its first read.
func TestReadRegularKey(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, 4096, 70000} {
		path := filepath.Join(dir, "z"+strconv.Itoa(n))
		want := strings.Repeat("a", n)
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		data, key, err := readRegular(path)
		if err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if string(data) != want || key != keyOf(fi) {
			t.Errorf("size %d: read %d bytes, key %+v; stat's key %+v", n, len(data), key, keyOf(fi))
		}
	}
	if _, _, err := readRegular(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a directory: %v, want fs.ErrNotExist", err)
	}
}
