package providers

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/spfpatch/spfpatch/internal/i18n"
)

// Budget is the API request budget of one credential: every HTTP request a
// provider sends with that credential takes one place from it first. One
// Budget is shared by every provider value of a run that uses the same
// credential (Budgets), so agency profiles that share a token share its
// limit, as the API counts it.
//
// A Budget enforces, together:
//   - pacing: at most Rate requests a second on average, Burst at once
//     (golang.org/x/time/rate); Rate 0 means no pacing;
//   - a sliding window: never more than Max requests in any Window (for
//     Cloudflare: 1,200 in any 300 s), counted at the moment each request
//     is let through, plus WindowMargin so that requests that leave close
//     together but arrive in another order are still inside the limit;
//   - a lockout: once the API has answered 429 (Lockout), no request is let
//     through until the lockout ends. A caller may wait for it when it ends
//     within MaxWait (saying why and until when, through Notify, once per
//     lockout); otherwise it gets a *LockoutError at once and nothing is
//     sent.
type Budget struct {
	// Provider names the API in messages ("cloudflare").
	Provider string
	// API is the limit in words for messages, e.g. "1,200 requests per 5 minutes".
	API string
	// MaxWait is the longest a caller waits for a lockout to end.
	MaxWait time.Duration
	// WaitFlag names the setting that changes MaxWait, for messages.
	WaitFlag string

	p       i18n.Printer
	lim     *rate.Limiter // nil: no pacing
	window  time.Duration
	max     int
	margin  time.Duration
	notify  func(string)
	stop    <-chan struct{} // Interrupt
	now     func() time.Time
	sleep   func(context.Context, time.Duration) error
	mu      sync.Mutex
	sent    []time.Time // the last max send times, a ring
	next    int         // index of the oldest entry once the ring is full
	locked  time.Time   // no request before this
	noticed time.Time   // the lockout end last announced
	total   int
}

// BudgetConfig configures a Budget (NewBudget).
type BudgetConfig struct {
	Provider string
	API      string
	Rate     float64 // requests a second; 0: no pacing
	Burst    int
	Window   time.Duration // 0: no sliding window
	Max      int
	// WindowMargin is added to Window when deciding whether the oldest
	// request in the window has left it.
	WindowMargin time.Duration
	MaxWait      time.Duration
	WaitFlag     string
	P            i18n.Printer
	// Notify receives the message shown when a caller starts waiting for a
	// lockout to end; nil: nothing is shown.
	Notify func(string)
	// Interrupt, when it is closed (the person running spfpatch pressed
	// Ctrl-C), ends every wait for a lockout or for the sliding window at
	// once, even of a caller whose context does not end: a write that has
	// started runs under context.WithoutCancel so that it is finished and
	// read back, but a wait of minutes is not part of finishing it.
	Interrupt <-chan struct{}
	// Now and Sleep replace the clock (tests); nil: the real one.
	Now   func() time.Time
	Sleep func(context.Context, time.Duration) error
}

// NewBudget returns a Budget.
func NewBudget(c BudgetConfig) *Budget {
	b := &Budget{Provider: c.Provider, API: c.API, MaxWait: c.MaxWait, WaitFlag: c.WaitFlag, p: c.P,
		window: c.Window, max: c.Max, margin: c.WindowMargin, notify: c.Notify, stop: c.Interrupt, now: c.Now, sleep: c.Sleep}
	if c.Rate > 0 {
		b.lim = rate.NewLimiter(rate.Limit(c.Rate), max(1, c.Burst))
	}
	if b.now == nil {
		b.now = time.Now
	}
	if b.sleep == nil {
		b.sleep = Sleep
	}
	if b.window > 0 && b.max > 0 {
		b.sent = make([]time.Time, 0, b.max)
	}
	return b
}

// LockoutError is returned when the API has locked the credential out and
// the lockout does not end within the Budget's MaxWait: nothing was sent.
type LockoutError struct {
	Provider string
	API      string
	Until    time.Time
	WaitFlag string
	P        i18n.Printer
}

func (e *LockoutError) Error() string {
	return e.P.T("providers.lockout.stop", e.Provider, e.API, e.Until.Local().Format("15:04:05"), e.WaitFlag)
}

// Lockout records that the API refused a request with HTTP 429 and will
// refuse every request until until.
func (b *Budget) Lockout(until time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if until.After(b.locked) {
		b.locked = until
	}
}

// LockedUntil returns the end of the current lockout, or the zero time.
func (b *Budget) LockedUntil() time.Time {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.now().Before(b.locked) {
		return b.locked
	}
	return time.Time{}
}

// Sent returns how many requests the Budget let through.
func (b *Budget) Sent() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.total
}

// Acquire waits until one more request may be sent and counts it as sent.
// It returns a *LockoutError, without waiting, when the API has locked the
// credential out beyond MaxWait, and ctx's error when ctx ends first.
//
// The lockout is checked before the pace: a caller waiting for a lockout to
// end holds no pacing token, so the callers that waited leave one by one
// at the pace when it ends, not all at once; and a token taken just before
// a lockout began is given up for a new one after it.
func (b *Budget) Acquire(ctx context.Context) error {
	paced := b.lim == nil
	for {
		b.mu.Lock()
		now := b.now()
		if now.Before(b.locked) {
			until := b.locked
			wait := until.Sub(now)
			if dl, ok := ctx.Deadline(); wait > b.MaxWait || ok && dl.Before(until) {
				b.mu.Unlock()
				return &LockoutError{Provider: b.Provider, API: b.API, Until: until, WaitFlag: b.WaitFlag, P: b.p}
			}
			announce := b.notify != nil && !b.noticed.Equal(until)
			b.noticed = until
			b.mu.Unlock()
			if announce {
				b.notify(b.p.T("providers.lockout.wait", b.Provider, b.API, until.Local().Format("15:04:05"), b.p.Duration(b.MaxWait), b.WaitFlag))
			}
			if err := b.wait(ctx, wait); err != nil {
				if errors.Is(err, errInterrupted) {
					// Nothing was sent; the lockout still lasts.
					return &LockoutError{Provider: b.Provider, API: b.API, Until: until, WaitFlag: b.WaitFlag, P: b.p}
				}
				return err
			}
			paced = b.lim == nil
			continue
		}
		if !paced {
			b.mu.Unlock()
			if err := b.lim.Wait(ctx); err != nil {
				return fmt.Errorf("%s: %w", b.p.T("providers.budget.wait", b.Provider), err)
			}
			paced = true
			continue // a lockout may have begun meanwhile
		}
		if b.sent != nil && len(b.sent) == b.max {
			if free := b.sent[b.next].Add(b.window + b.margin); now.Before(free) {
				b.mu.Unlock()
				if err := b.wait(ctx, free.Sub(now)); err != nil {
					return fmt.Errorf("%s: %w", b.p.T("providers.budget.wait", b.Provider), err)
				}
				continue
			}
		}
		if b.sent != nil {
			if len(b.sent) < b.max {
				b.sent = append(b.sent, now)
			} else {
				b.sent[b.next] = now
				b.next = (b.next + 1) % b.max
			}
		}
		b.total++
		b.mu.Unlock()
		return nil
	}
}

// errInterrupted ends a wait when the Budget's Interrupt is closed.
var errInterrupted = fmt.Errorf("interrupted: %w", context.Canceled)

// wait sleeps for d; it ends early with ctx, or with errInterrupted when
// the Budget's Interrupt is closed.
func (b *Budget) wait(ctx context.Context, d time.Duration) error {
	if b.stop == nil {
		return b.sleep(ctx, d)
	}
	select {
	case <-b.stop:
		return errInterrupted
	default:
	}
	wctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	go func() {
		select {
		case <-b.stop:
			cancel(errInterrupted)
		case <-wctx.Done():
		}
	}()
	err := b.sleep(wctx, d)
	if err != nil && ctx.Err() == nil && errors.Is(context.Cause(wctx), errInterrupted) {
		return errInterrupted
	}
	return err
}

// Budgets holds the Budgets of one run, one per provider and credential.
// The zero value is not usable; use NewBudgets.
type Budgets struct {
	mu sync.Mutex
	m  map[string]*Budget
}

// NewBudgets returns an empty set of Budgets.
func NewBudgets() *Budgets { return &Budgets{m: map[string]*Budget{}} }

// For returns the Budget of provider's credential, made by mk the first
// time. The credential itself is not kept, only a hash of it. A nil
// Budgets makes a new Budget every time.
func (bs *Budgets) For(provider, credential string, mk func() *Budget) *Budget {
	if bs == nil {
		return mk()
	}
	sum := sha256.Sum256([]byte(credential))
	key := provider + "\x00" + hex.EncodeToString(sum[:])
	bs.mu.Lock()
	defer bs.mu.Unlock()
	if b, ok := bs.m[key]; ok {
		return b
	}
	b := mk()
	bs.m[key] = b
	return b
}

// Len returns how many Budgets there are.
func (bs *Budgets) Len() int {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	return len(bs.m)
}
