package plan_test

import (
	"bytes"
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/plan"
)

// filteredNS: the zone's nameservers never answer (port 53 filtered), as
// in many offices; the ordinary resolver (view) serves what it serves.
type filteredNS struct {
	view    []string
	old     map[string]bool // nameservers that answer with the old value
	forgets int
}

func (f *filteredNS) LookupNS(ctx context.Context, zone string) ([]string, error) {
	return []string{"ns1.shop.example.", "ns2.shop.example."}, nil
}

func (f *filteredNS) LookupTXTAt(ctx context.Context, server, name string) ([]string, error) {
	if f.old[server] {
		return []string{"v=spf1 ~all"}, nil
	}
	return nil, &net.DNSError{Err: "i/o timeout", Name: name, Server: server, IsTimeout: true, IsTemporary: true}
}

func (f *filteredNS) LookupTXT(ctx context.Context, name string) ([]string, error) {
	return f.view, nil
}
func (f *filteredNS) Forget(name string) { f.forgets++ }

func TestWaitTellsSilentFromOld(t *testing.T) {
	old := plan.PollInterval
	plan.PollInterval = time.Millisecond
	t.Cleanup(func() { plan.PollInterval = old })
	newRec := "v=spf1 include:e-shopsmail2.com ~all"
	c := &plan.Change{Name: "shop.example.", Zone: "shop.example.", AfterSPF: newRec}
	ja := i18n.Printer{Lang: i18n.JA}

	// No nameserver answers, the resolver already serves the new record:
	// done, through the resolver, and said so.
	var b bytes.Buffer
	f := &filteredNS{view: []string{newRec}}
	res := plan.Wait(context.Background(), ja, f, []*plan.Change{c}, &b)
	if !res[0].Done || !res[0].Fallback || res[0].States["ns1.shop.example."] != plan.NoAnswer || f.forgets == 0 {
		t.Fatalf("%+v", res[0])
	}
	if !strings.Contains(b.String(), "応答しないもの: ns1.shop.example, ns2.shop.example") ||
		!strings.Contains(b.String(), "通常の DNS サーバー経由で確認しました: 新しいレコードが見えています") {
		t.Fatalf("progress:\n%s", b.String())
	}

	// One nameserver serves the old value, one does not answer: not done;
	// the time-out says which is which.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	b.Reset()
	f = &filteredNS{view: []string{newRec}, old: map[string]bool{"ns1.shop.example.": true}}
	res = plan.Wait(ctx, ja, f, []*plan.Change{c}, &b)
	if res[0].Done || res[0].States["ns1.shop.example."] != plan.ServesOld || res[0].States["ns2.shop.example."] != plan.NoAnswer {
		t.Fatalf("%+v", res[0])
	}
	want := "時間切れです: ns1.shop.example はまだ古い値を返しています。ns2.shop.example から応答がありません(このネットワークではポート 53 がふさがれている可能性があります)。"
	if !strings.HasPrefix(res[0].Error, want) {
		t.Fatalf("error %q\nwant %q", res[0].Error, want)
	}

	// Nobody answers and the resolver has not seen it yet: the time-out
	// says both.
	ctx2, cancel2 := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel2()
	res = plan.Wait(ctx2, i18n.Printer{Lang: i18n.EN}, &filteredNS{view: []string{"v=spf1 ~all"}}, []*plan.Change{c}, nil)
	if res[0].Done || !strings.Contains(res[0].Error, "do not answer (port 53 may be blocked on this network), and the ordinary DNS resolver does not serve the new record yet") {
		t.Fatalf("%+v", res[0])
	}
}

// unaddressedNS: the zone's nameserver has a name without an address, so
// asking it fails with a not-found error about the server's name; that is
// no answer, not "the old value".
type unaddressedNS struct{ filteredNS }

func (u *unaddressedNS) LookupTXTAt(ctx context.Context, server, name string) ([]string, error) {
	return nil, &net.DNSError{Err: "no A records (NODATA)", Name: server, IsNotFound: true}
}

func TestWaitServerWithoutAddressIsSilent(t *testing.T) {
	old := plan.PollInterval
	plan.PollInterval = time.Millisecond
	t.Cleanup(func() { plan.PollInterval = old })
	newRec := "v=spf1 include:e-shopsmail2.com ~all"
	c := &plan.Change{Name: "shop.example.", Zone: "shop.example.", AfterSPF: newRec}
	u := &unaddressedNS{filteredNS{view: []string{newRec}}}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	res := plan.Wait(ctx, i18n.Printer{Lang: i18n.JA}, u, []*plan.Change{c}, nil)
	if !res[0].Done || !res[0].Fallback || res[0].States["ns1.shop.example."] != plan.NoAnswer {
		t.Fatalf("%+v", res[0])
	}
}
