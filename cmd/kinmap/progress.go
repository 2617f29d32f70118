package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/kinmap/kinmap/graph/neo4jstore"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progressEvery is how often a progress line is written when standard
// error is not a terminal (a log, CI).
const progressEvery = 5 * time.Second

// progress shows how far a long task (import, export, generate) has got
// on standard error: on a terminal a bar with the rate and the time left
// (schollz/progressbar), otherwise a plain line every progressEvery, and a
// last one at the end if any was written (a quick task writes nothing).
// It never prints data, only counts.
type progress struct {
	w              io.Writer
	tty            bool
	bar            *progressbar.ProgressBar
	what, unit     string
	bytes          bool
	start, printed time.Time
	done, total    int64
	shown          int64 // done when the last line was written
}

// newProgress starts one phase: what is done ("importing"), unit what is
// counted ("records"; bytes when bytes is set), total -1 when unknown.
func newProgress(w io.Writer, what, unit string, bytes bool, total int64) *progress {
	p := &progress{w: w, what: what, unit: unit, bytes: bytes, total: total, start: time.Now()}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.tty = true
		opts := []progressbar.Option{progressbar.OptionSetWriter(w), progressbar.OptionSetDescription(what),
			progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100 * time.Millisecond), progressbar.OptionFullWidth(),
			progressbar.OptionOnCompletion(func() { fmt.Fprintln(w) })}
		if bytes {
			opts = append(opts, progressbar.OptionShowBytes(true))
		} else {
			opts = append(opts, progressbar.OptionSetItsString(unit))
		}
		p.bar = progressbar.NewOptions64(total, opts...)
	}
	return p
}

// set records how far the task is.
func (p *progress) set(done int64) {
	p.done = done
	if p.tty {
		_ = p.bar.Set64(done)
		return
	}
	now := time.Now()
	if now.Sub(p.start) >= progressEvery && now.Sub(p.printed) >= progressEvery {
		p.line(now)
	}
}

// finish ends the phase.
func (p *progress) finish() {
	if p.tty {
		_ = p.bar.Finish()
		return
	}
	if !p.printed.IsZero() && p.done != p.shown {
		p.line(time.Now())
	}
}

func (p *progress) line(now time.Time) {
	p.printed, p.shown = now, p.done
	secs := now.Sub(p.start).Seconds()
	rate := float64(p.done) / max(secs, 0.001)
	n, r, unit := float64(p.done), rate, p.unit
	if p.bytes {
		n, r, unit = n/(1<<20), r/(1<<20), "MiB"
	}
	msg := fmt.Sprintf("kinmap: %s: %.0f %s in %.0fs (%.0f %s/s)", p.what, n, unit, secs, r, unit)
	if p.total > 0 {
		left := "?"
		if p.done > 0 {
			left = fmt.Sprintf("%.0fs", float64(p.total-p.done)/rate)
		}
		msg += fmt.Sprintf(", %.0f%%, about %s left", 100*float64(p.done)/float64(p.total), left)
	}
	fmt.Fprintln(p.w, msg)
}

// importProgress shows an ImportStream's phases, one after the other.
func importProgress(w io.Writer) (func(phase string, done, total int64), func()) {
	var cur *progress
	var phase string
	report := func(ph string, done, total int64) {
		if ph != phase {
			if cur != nil {
				cur.finish()
			}
			phase = ph
			cur = newProgress(w, ph, "records", ph == neo4jstore.PhaseChecking, total)
		}
		cur.set(done)
	}
	return report, func() {
		if cur != nil {
			cur.finish()
		}
	}
}
