package render

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// mapDOT is one of viz's golden maps (../testdata): DOT as kinmap writes it.
func mapDOT(t testing.TB, name string) []byte {
	t.Helper()
	dot, err := os.ReadFile(filepath.Join("..", "testdata", name+".dot"))
	if err != nil {
		t.Fatal(err)
	}
	return dot
}

func smallDOT(t testing.TB) []byte { return mapDOT(t, "fennick-child-family") }

// TestRenderDeterministic renders the same DOT twice in each format and
// expects the same bytes (viz's TestDOTDeterministic: the same DOT from
// the same input).
func TestRenderDeterministic(t *testing.T) {
	r := NewRenderer()
	defer r.Close()
	d1 := smallDOT(t)
	for _, f := range []Format{SVG, PNG, DOT} {
		a, err := r.Render(context.Background(), d1, f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		b, err := r.Render(context.Background(), d1, f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renders of the same DOT differ (%d and %d bytes), want byte-identical", f, len(a), len(b))
		}
	}
}

// TestRenderFormats checks what each format returns.
func TestRenderFormats(t *testing.T) {
	r := NewRenderer()
	defer r.Close()
	dot := smallDOT(t)
	out, err := r.Render(context.Background(), dot, DOT)
	if err != nil || !bytes.Equal(out, dot) {
		t.Errorf("DOT: got %d bytes, err %v; want the input back", len(out), err)
	}
	out, err = r.Render(context.Background(), dot, PNG)
	if err != nil {
		t.Fatalf("PNG: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("PNG does not decode: %v", err)
	}
	if b := img.Bounds(); b.Dx() < 400 || b.Dy() < 300 {
		t.Errorf("PNG is %dx%d, want at least 400x300", b.Dx(), b.Dy())
	}
	out, err = r.Render(context.Background(), dot, SVG)
	if err != nil {
		t.Fatalf("SVG: %v", err)
	}
	if err := checkSVG(out); err != nil || bytes.Count(out, []byte("<title")) != 1 || bytes.Count(out, []byte("<desc")) != 1 {
		t.Errorf("small: SVG fails the check (%v) or has not one <title> and one <desc>", err)
	}
	for _, want := range []string{`role="img"`, `aria-labelledby="kinmap-title kinmap-desc"`, `viewBox="`, `width="`} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("SVG lacks %s", want)
		}
	}
	if _, err := r.Render(context.Background(), dot, Format("pdf")); err == nil {
		t.Error("pdf: got no error, want one")
	}
	if _, err := r.Render(context.Background(), []byte("graph kinmap { n1 -- ; }"), SVG); err == nil {
		t.Error("broken DOT: got no error, want one")
	}
	// the renderer still works after a bad input
	if _, err := r.Render(context.Background(), dot, SVG); err != nil {
		t.Errorf("SVG after a bad input: %v", err)
	}
}

// TestRenderConcurrent starts 32 renders at once; all must succeed and
// agree.
func TestRenderConcurrent(t *testing.T) {
	r := NewRenderer()
	defer r.Close()
	dot := smallDOT(t)
	want, err := r.Render(context.Background(), dot, SVG)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 32)
	outs := make([][]byte, 32)
	for i := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i], errs[i] = r.Render(context.Background(), dot, SVG)
		}()
	}
	wg.Wait()
	for i := range 32 {
		if errs[i] != nil {
			t.Errorf("render %d: %v", i, errs[i])
		} else if !bytes.Equal(outs[i], want) {
			t.Errorf("render %d: got %d bytes, want the same SVG as alone (%d bytes)", i, len(outs[i]), len(want))
		}
	}
}

// TestRenderCancelled cancels callers while their renders run or wait,
// then expects later renders to work (go-graphviz issue #118: a cancelled
// context inside the WASM module breaks it for the process).
func TestRenderCancelled(t *testing.T) {
	r := NewRenderer()
	defer r.Close()
	big := mapDOT(t, "ardvane-child-professional") // the largest golden map
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), time.Duration(i)*time.Millisecond)
			defer cancel()
			_, err := r.Render(ctx, big, SVG)
			if err != nil && !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("cancelled render %d: got %v, want nil or a deadline error", i, err)
			}
		}()
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := r.Render(ctx, big, SVG); !errors.Is(err, context.Canceled) {
		t.Errorf("render with a cancelled context: got %v, want context.Canceled", err)
	}
	wg.Wait()
	for _, f := range []Format{SVG, PNG} {
		if _, err := r.Render(context.Background(), smallDOT(t), f); err != nil {
			t.Errorf("%s after cancelled renders: %v, want success", f, err)
		}
	}
}

// TestRendererClose checks that a closed handle refuses work and another
// handle still renders.
func TestRendererClose(t *testing.T) {
	a, b := NewRenderer(), NewRenderer()
	defer b.Close()
	dot := smallDOT(t)
	if _, err := a.Render(context.Background(), dot, SVG); err != nil {
		t.Fatal(err)
	}
	a.Close()
	a.Close() // twice is fine
	if _, err := a.Render(context.Background(), dot, SVG); !errors.Is(err, ErrClosed) {
		t.Errorf("render on a closed renderer: got %v, want ErrClosed", err)
	}
	if _, err := b.Render(context.Background(), dot, SVG); err != nil {
		t.Errorf("render on the other renderer: %v", err)
	}
	b.Close()
	c := NewRenderer() // restarts the worker
	defer c.Close()
	if _, err := c.Render(context.Background(), dot, SVG); err != nil {
		t.Errorf("render after every renderer closed and a new one opened: %v", err)
	}
}
