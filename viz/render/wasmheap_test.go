package render

import (
	"bytes"
	"context"
	"fmt"
	"testing"
)

// TestWASMModuleMirror checks that gvModule reaches go-graphviz's module:
// if an upgrade of go-graphviz changed its internal layout, the heap
// recycling (wasmheap.go) would be silently off.
func TestWASMModuleMirror(t *testing.T) {
	m, err := heapModule()
	if err != nil {
		t.Fatal(err)
	}
	for _, fn := range []string{"malloc", "free"} {
		if m.ExportedFunction(fn) == nil {
			t.Errorf("go-graphviz's module exports no %s", fn)
		}
	}
}

// TestRenderHeapBounded draws distinct maps past the render bound and
// expects the WASM memory to stay the size it had after the first, with
// renders after a restore identical to those before. Before the heap was
// recycled, every render left its DOT and its output in the module.
func TestRenderHeapBounded(t *testing.T) {
	r := NewRenderer()
	defer r.Close()
	dot := smallDOT(t)
	distinct := func(i int) []byte { return bytes.Replace(dot, []byte("{"), []byte(fmt.Sprintf("{\n// %d\n", i)), 1) }
	first := map[Format][]byte{}
	var size uint32
	var restores int64
	n := renderBound*2 + 5
	for i := 0; i < n; i++ {
		f := SVG
		if i%10 == 9 {
			f = PNG
		}
		out, err := r.Render(context.Background(), distinct(i), f)
		if err != nil {
			t.Fatalf("render %d (%s): %v", i, f, err)
		}
		if first[f] == nil {
			first[f] = out
		} else if !bytes.Equal(out, first[f]) {
			t.Fatalf("render %d (%s) differs from the first (%d and %d bytes)", i, f, len(out), len(first[f]))
		}
		if i == 0 {
			size, restores = HeapStats()
		}
	}
	endSize, endRestores := HeapStats()
	if endSize != size {
		t.Errorf("WASM memory went from %d to %d bytes over %d renders, want it to stay", size, endSize, n)
	}
	if endRestores-restores < 2 {
		t.Errorf("%d restores over %d renders, want at least 2 (bound %d)", endRestores-restores, n, renderBound)
	}
}
