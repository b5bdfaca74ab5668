package providers_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/providers"
)

// fakeClock is a clock that sleeping moves forward.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *fakeClock) Sleep(_ context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	return nil
}

// Issue 12 point 4: whatever the pace asked for, no 300 s window holds
// more than 1,200 requests (a token bucket of 4/s with a burst of 8 let
// 1,207 through in the first 300 s).
func TestBudgetWindow(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	b := providers.NewBudget(providers.BudgetConfig{Provider: "Test", Window: 300 * time.Second, Max: 1200, WindowMargin: time.Second,
		Now: clock.Now, Sleep: clock.Sleep})
	var sent []time.Time
	for i := 0; i < 5000; i++ {
		if err := b.Acquire(context.Background()); err != nil {
			t.Fatal(err)
		}
		sent = append(sent, clock.Now())
		clock.Sleep(nil, 10*time.Millisecond) // a client far faster than the limit
	}
	worst, j := 0, 0
	for i := range sent {
		for sent[i].Sub(sent[j]) >= 300*time.Second {
			j++
		}
		worst = max(worst, i-j+1)
	}
	if worst > 1200 {
		t.Fatalf("%d requests in one 300 s window", worst)
	}
	if worst < 1200 {
		t.Fatalf("only %d requests in the busiest window: the budget is not used", worst)
	}
}

// A lockout: nothing passes until it ends; a caller allowed to wait that
// long waits (told once why and until when), others get a LockoutError at
// once.
func TestBudgetLockout(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 1, 1, 9, 0, 0, 0, time.Local)}
	var notes []string
	b := providers.NewBudget(providers.BudgetConfig{Provider: "Cloudflare", API: "1,200 requests per 5 minutes", MaxWait: time.Minute,
		WaitFlag: "--wait-flag", Now: clock.Now, Sleep: clock.Sleep, Notify: func(s string) { notes = append(notes, s) }})
	b.Lockout(clock.Now().Add(5 * time.Minute))
	err := b.Acquire(context.Background())
	var le *providers.LockoutError
	if !errors.As(err, &le) || !strings.Contains(err.Error(), "09:05:00") || !strings.Contains(err.Error(), "--wait-flag") {
		t.Fatalf("got %v", err)
	}
	if b.Sent() != 0 || len(notes) != 0 {
		t.Fatal("a request passed or a wait was announced")
	}
	ja := le
	ja.P = i18n.Printer{Lang: i18n.JA}
	if !strings.Contains(ja.Error(), "ブロック") {
		t.Fatalf("ja: %s", ja.Error())
	}
	clock.Sleep(nil, 4*time.Minute+30*time.Second)
	for i := 0; i < 2; i++ {
		if err := b.Acquire(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if got := clock.Now(); got.Before(time.Date(2026, 1, 1, 9, 5, 0, 0, time.Local)) {
		t.Fatalf("passed at %v, before the lockout's end", got)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "09:05:00") || !strings.Contains(notes[0], "HTTP 429") {
		t.Fatalf("notes %q", notes)
	}
}

// Budgets: one per provider and credential; the credential is not kept.
func TestBudgetsShared(t *testing.T) {
	bs := providers.NewBudgets()
	mk := func() *providers.Budget { return providers.NewBudget(providers.BudgetConfig{}) }
	a := bs.For("cloudflare", "token-a", mk)
	if bs.For("cloudflare", "token-a", mk) != a || bs.For("cloudflare", "token-b", mk) == a || bs.For("route53", "token-a", mk) == a {
		t.Fatal("budgets not keyed by provider and credential")
	}
	if (*providers.Budgets)(nil).For("x", "y", mk) == nil {
		t.Fatal("nil Budgets")
	}
}

// The lockout is checked before the pace: callers that waited for a
// lockout leave one by one at the pace when it ends, not all at once
// (each had taken a pacing token before the lockout check, so they all
// fired together).
func TestBudgetPaceAfterLockout(t *testing.T) {
	b := providers.NewBudget(providers.BudgetConfig{Provider: "Test", Rate: 20, Burst: 1, MaxWait: time.Minute})
	b.Lockout(time.Now().Add(400 * time.Millisecond))
	var mu sync.Mutex
	var done []time.Time
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if err := b.Acquire(context.Background()); err != nil {
				t.Error(err)
			}
			mu.Lock()
			done = append(done, time.Now())
			mu.Unlock()
		})
	}
	wg.Wait()
	first, last := done[0], done[0]
	for _, d := range done {
		if d.Before(first) {
			first = d
		}
		if d.After(last) {
			last = d
		}
	}
	// At 20 a second with a burst of 1, four requests span 150 ms at least.
	if spread := last.Sub(first); spread < 100*time.Millisecond {
		t.Fatalf("the four callers left within %v of each other when the lockout ended", spread)
	}
}

// Ctrl-C (the Budget's Interrupt) ends a wait for a lockout at once, even
// for a caller whose context cannot be cancelled (a write under
// context.WithoutCancel): nothing is sent, and the lockout error says
// until when.
func TestBudgetInterruptEndsLockoutWait(t *testing.T) {
	stop := make(chan struct{})
	b := providers.NewBudget(providers.BudgetConfig{Provider: "Test", MaxWait: 10 * time.Minute, Interrupt: stop})
	b.Lockout(time.Now().Add(5 * time.Minute))
	errc := make(chan error, 1)
	go func() { errc <- b.Acquire(context.WithoutCancel(context.Background())) }()
	time.Sleep(50 * time.Millisecond)
	close(stop)
	select {
	case err := <-errc:
		var le *providers.LockoutError
		if !errors.As(err, &le) || b.Sent() != 0 {
			t.Fatalf("got %v, %d sent", err, b.Sent())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the wait for the lockout went on after the interrupt")
	}
	// Once interrupted, no wait starts.
	if err := b.Acquire(context.Background()); err == nil {
		t.Fatal("passed during the lockout")
	}
}
