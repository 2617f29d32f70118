package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// go-graphviz runs Graphviz in one WASM module for the whole process (it
// is compiled when the package initialises). The module is not safe for
// concurrent use, and a context cancelled in the middle of a call leaves
// it unusable for the rest of the process (go-graphviz issue #118). So:
//
//   - one render worker goroutine owns the one *graphviz.Graphviz, created
//     lazily by the first render, and does every call into the module
//     (parse, layout, render) one job at a time;
//   - the worker always passes context.Background() to go-graphviz; a
//     caller waits for its job or for its own context, whichever comes
//     first, and a job whose caller has gone is skipped if not started.
//
// Renderer values are handles on that worker: any number may exist; the
// worker stops when the last open handle is closed (handing the renders'
// memory back, wasmheap.go), and starts again with the next handle's
// first render. The Graphviz instance itself is made once and kept.

// ErrClosed is returned by Render on a closed Renderer.
var ErrClosed = errors.New("viz: renderer closed")

// Renderer renders DOT to SVG, PNG or DOT. It is safe for concurrent use;
// renders run one at a time.
type Renderer struct {
	counted bool // made by NewRenderer: holds a reference on the worker
	closed  atomic.Bool
	once    sync.Once
	obs     RenderObserver
}

// RenderObserver is told of every render Graphviz does (SVG and PNG): how
// long it waited for the render worker and how long the render took. It
// is called on the worker, so it must return at once (count, no I/O).
type RenderObserver interface {
	Rendered(f Format, wait, took time.Duration, err error)
}

// Observe makes o r's observer (nil: none). Call it before r renders.
func (r *Renderer) Observe(o RenderObserver) { r.obs = o }

// NewRenderer returns an open Renderer. It does not start Graphviz: the
// first Render does.
func NewRenderer() *Renderer {
	eng.mu.Lock()
	eng.refs++
	eng.mu.Unlock()
	return &Renderer{counted: true}
}

// Close releases the handle. Renders already waiting finish; later ones
// return ErrClosed. When no open handle is left, the worker stops (the
// WASM module and the one Graphviz instance stay: they belong to the
// process).
func (r *Renderer) Close() error {
	r.once.Do(func() {
		r.closed.Store(true)
		if !r.counted {
			return
		}
		eng.mu.Lock()
		defer eng.mu.Unlock()
		eng.refs--
		if eng.refs <= 0 && eng.quit != nil {
			close(eng.quit)
			eng.jobs, eng.quit = nil, nil
		}
	})
	return nil
}

// Render renders dot in format f. For DOT, the input is returned as it
// is. SVG output is sanitised (sanitiseSVG) and carries the map's <title>
// and <desc>; PNG is drawn by kinmap's own raster engine (png.go).
//
// ctx bounds only the caller's wait: a render that has started runs to
// its end in the worker (it cannot be interrupted safely) and its result
// is dropped if the caller has gone.
func (r *Renderer) Render(ctx context.Context, dot []byte, f Format) ([]byte, error) {
	if r.closed.Load() {
		return nil, ErrClosed
	}
	switch f {
	case DOT:
		return bytes.Clone(dot), nil
	case SVG, PNG:
	default:
		return nil, fmt.Errorf("viz: unknown format %q", f)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	jobs, quit := eng.start()
	j := &job{dot: dot, format: f, done: make(chan result, 1), obs: r.obs, queued: time.Now()}
	select {
	case jobs <- j:
	case <-quit:
		return nil, ErrClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	select {
	case res := <-j.done:
		return res.out, res.err
	case <-ctx.Done():
		j.abandoned.Store(true)
		return nil, ctx.Err()
	}
}

type job struct {
	dot       []byte
	format    Format
	done      chan result
	abandoned atomic.Bool
	obs       RenderObserver // nil: none
	queued    time.Time
}

type result struct {
	out []byte
	err error
}

// engine is the process's one render worker.
type engine struct {
	mu   sync.Mutex
	refs int
	jobs chan *job
	quit chan struct{}
}

var eng engine

// start returns the worker's channels, starting the worker if needed.
func (e *engine) start() (chan *job, chan struct{}) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.jobs == nil {
		e.jobs, e.quit = make(chan *job), make(chan struct{})
		go work(e.jobs, e.quit)
	}
	return e.jobs, e.quit
}

// wasmMu is held by a worker for every call into go-graphviz. Only one
// worker runs at a time, but a stopping worker may still be closing its
// instance when the next one starts: the lock keeps them apart.
var wasmMu sync.Mutex

// inst is the process's one Graphviz instance, made by the first render
// and kept for the life of the process (guarded by wasmMu): its memory
// snapshot (wasmheap.go) is taken once, with the instance in it, and
// making instances anew would leave the old ones' plugins in the module.
var inst *instance

// work is the render worker: the only goroutine that calls go-graphviz.
func work(jobs chan *job, quit chan struct{}) {
	for {
		select {
		case <-quit:
			wasmMu.Lock()
			if inst != nil && inst.heap != nil {
				inst.heap.restore() // idle: give the renders' memory back
			}
			wasmMu.Unlock()
			return
		case j := <-jobs:
			if j.abandoned.Load() {
				j.done <- result{err: context.Canceled}
				continue
			}
			wasmMu.Lock()
			if inst == nil {
				g, err := newGraphviz()
				if err != nil {
					wasmMu.Unlock()
					j.done <- result{err: err}
					continue
				}
				inst = g
			}
			start := time.Now()
			out, err := inst.render(j.dot, j.format)
			wasmMu.Unlock()
			if j.obs != nil {
				j.obs.Rendered(j.format, start.Sub(j.queued), time.Since(start), err)
			}
			j.done <- result{out: out, err: err}
		}
	}
}
