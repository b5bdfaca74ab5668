package cli

import (
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress shows a run over many domains on a terminal's stderr: the count,
// the rate and the time left, redrawn at most ten times a second. Elsewhere
// (a pipe, a file, a single domain) it draws nothing.
//
// github.com/schollz/progressbar/v3 draws it: throttled redraws, rate and
// ETA are what a hand-written "[===  ] n/m" lacked.
type progress struct {
	bar *progressbar.ProgressBar
}

// newProgress returns the progress of total steps, described by label (a
// short word in the run's language, e.g. "plan"); total -1: not known in
// advance (targets read from a pipe as the run goes): count and rate only.
func newProgress(w io.Writer, total int, label string) *progress {
	if (total <= 1 && total != -1) || !isTerminal(w) {
		return &progress{}
	}
	return &progress{bar: progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(label),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString(tr.T("progress.unit")),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(24),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionUseANSICodes(true),
	)}
}

// step counts one finished domain.
func (p *progress) step() {
	if p.bar != nil {
		_ = p.bar.Add(1)
	}
}

// clear removes the bar so that a line can be printed; the next step draws
// it again.
func (p *progress) clear() {
	if p.bar != nil {
		_ = p.bar.Clear()
	}
}

// finish removes the bar for good.
func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
		_ = p.bar.Clear()
	}
}

// redraw draws the bar again as it is (after a line was printed above it).
func (p *progress) redraw() {
	if p.bar != nil {
		_ = p.bar.RenderBlank()
	}
}

// above is a writer for lines printed while the bar is shown: each write
// removes the bar, writes, and draws the bar again below it.
type above struct {
	w io.Writer
	p *progress
}

func (a above) Write(b []byte) (int, error) {
	a.p.clear()
	n, err := a.w.Write(b)
	a.p.redraw()
	return n, err
}
