package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	_ "unsafe" // go:linkname

	"github.com/tetratelabs/wazero/api"
)

// go-graphviz v0.2.x never frees two blocks in its one WASM module per
// render: the copy of every string it passes in (the DOT text, about
// 20-60 KB a map) and the output buffer gvRenderData returns (the SVG,
// 50-100 KB; go-graphviz has no call to gvFreeRenderData). WASM linear
// memory only grows, and wazero keeps it in a Go byte slice, so the
// process grew by about 100 KB for every map drawn and never gave it
// back. The module belongs to the package (it is made in its init) and
// cannot be closed and made again.
//
// So the worker recycles the module's memory instead. When it makes the
// process's Graphviz instance it reserves heapReserve bytes inside the
// module (one malloc and free: the allocator keeps the space as its free
// top, so later renders do not grow the memory) and takes a snapshot of
// the whole linear memory. After renderBound renders, as soon as the page
// a quarter of the way up the reserve has been written to (a PNG costs
// several times what an SVG does; the allocator hands out its free top
// from the bottom up), or when the memory has grown past the reserve, it
// writes the snapshot back between two renders: the module is then byte
// for byte as it was when the instance was made, with the leaked blocks
// gone. Between renders nothing in the module is in flight (the stack
// pointer is back at its base and no pointer into the heap is held
// outside it other than the instance's own, which the snapshot holds), so
// the restore is exact. Pages above the snapshot's content are handed
// back to the kernel (madvise), so the RSS returns too.

const (
	heapReserve = 32 << 20 // bytes kept free inside the module for renders
	renderBound = 100      // renders between two restores
	pageSize    = 1 << 16  // a WASM page
)

// gvModule is go-graphviz's one WASM module. Its type mirrors the first
// field of go-graphviz's internal WasmModule, which holds wazero's module;
// TestWASMModuleMirror checks it.
//
//go:linkname gvModule github.com/goccy/go-graphviz/internal/wasm.mod
var gvModule *struct{ mod api.Module }

// heapRestores counts restores, for HeapStats.
var heapRestores atomic.Int64

// HeapStats reports the size in bytes of go-graphviz's WASM memory and how
// many times it has been restored since the process started (for the soak
// script and diagnostics).
func HeapStats() (size uint32, restores int64) {
	wasmMu.Lock()
	defer wasmMu.Unlock()
	if m, err := heapModule(); err == nil {
		size = m.Memory().Size()
	}
	return size, heapRestores.Load()
}

// wasmHeap is the snapshot of the module's memory the worker restores.
type wasmHeap struct {
	mem     api.Memory
	size    uint32            // memory size when the snapshot was taken, or since grown to
	mark    uint32            // offset of the watermark page
	low     []byte            // memory below the reserve, copied whole
	pages   map[uint32][]byte // non-zero pages above low, by offset
	renders int               // renders since the last restore
}

// heapModule returns go-graphviz's wazero module.
func heapModule() (api.Module, error) {
	if gvModule == nil || gvModule.mod == nil || gvModule.mod.Memory() == nil {
		return nil, errors.New("viz: go-graphviz's WASM module not found")
	}
	return gvModule.mod, nil
}

// takeHeap reserves the renders' space in the module and snapshots it.
// Call it with no render in flight.
func takeHeap(ctx context.Context) (*wasmHeap, error) {
	m, err := heapModule()
	if err != nil {
		return nil, err
	}
	mem := m.Memory()
	low := mem.Size()
	malloc, free := m.ExportedFunction("malloc"), m.ExportedFunction("free")
	if malloc == nil || free == nil {
		return nil, errors.New("viz: go-graphviz's WASM module has no malloc/free")
	}
	res, err := malloc.Call(ctx, heapReserve)
	if err != nil || len(res) != 1 || res[0] == 0 {
		return nil, fmt.Errorf("viz: reserving the render heap: %v", err)
	}
	if _, err := free.Call(ctx, res[0]); err != nil {
		return nil, fmt.Errorf("viz: reserving the render heap: %w", err)
	}
	h := &wasmHeap{mem: mem, size: mem.Size(), pages: map[uint32][]byte{}}
	h.mark = (low + heapReserve/4) / pageSize * pageSize
	all, ok := mem.Read(0, h.size)
	if !ok {
		return nil, errors.New("viz: reading the WASM memory")
	}
	h.low = bytes.Clone(all[:low])
	for off := low; off+pageSize <= h.size; off += pageSize {
		if p := all[off : off+pageSize]; !isZero(p) {
			h.pages[off] = bytes.Clone(p)
		}
	}
	if _, ok := h.pages[h.mark]; ok || h.mark+pageSize > h.size {
		return nil, errors.New("viz: the render heap's watermark page is in use")
	}
	return h, nil
}

var zeroPage [pageSize]byte

func isZero(p []byte) bool { return bytes.Equal(p, zeroPage[:len(p)]) }

// full reports whether the renders since the last restore have used a
// quarter of the reserve, or grown the memory.
func (h *wasmHeap) full() bool {
	if h.mem.Size() > h.size {
		return true
	}
	p, ok := h.mem.Read(h.mark, pageSize)
	return !ok || !isZero(p)
}

// rendered counts a render and restores the snapshot when the bound is
// reached or the memory has grown. Call it with no render in flight.
func (h *wasmHeap) rendered() {
	h.renders++
	if h.renders >= renderBound || h.full() {
		h.restore()
	}
}

// restore writes the snapshot back into the module's memory.
func (h *wasmHeap) restore() {
	h.renders = 0
	size := h.mem.Size()
	// Memory a big render grew stays (WASM memory cannot shrink); it is
	// zeroed and dropped below, and only further growth triggers again.
	h.size = size
	all, ok := h.mem.Read(0, size)
	if !ok {
		return
	}
	copy(all, h.low)
	dropPages(all[len(h.low):])
	for off, p := range h.pages {
		copy(all[off:], p)
	}
	heapRestores.Add(1)
}
