// Package render draws viz's DOT as SVG or PNG: the Graphviz WASM worker
// (render.go, graphviz.go, wasmheap*.go), kinmap's own PNG rasteriser
// (png.go, pngtext.go) and the SVG sanitiser (svgsafe.go). viz writes the
// DOT and stays pure; this package is the machinery, and the only one
// that imports go-graphviz.
//
// # The SVG sanitiser
//
// The SVG is sanitised (svgsafe.go): comments, the DOCTYPE and Graphviz's per-node <title>s go,
// the map's own <title>/<desc> and role="img" go in, width and height are
// set for a page (shrunk to it, but never so far that text prints below
// the map's minimum), and the result must parse as XML holding only the
// elements Graphviz draws with and, on each, only the attributes Graphviz
// writes there (allow-lists: allowedElements, allowedAttrs), with no
// event attributes or external references, or it is not returned.
//
// # Rendering
//
// go-graphviz runs Graphviz in one WASM module per process (compiled when
// the package initialises, about a second on a cold start; wazero caches
// the compilation in $TMPDIR/go-graphviz). The module is not safe for
// concurrent use, and a context cancelled during a call breaks it for the
// process (go-graphviz issue #118). Renderer therefore hands every job to
// one worker goroutine that owns the one Graphviz instance (created by the
// first render) and always calls it with context.Background(); callers
// wait for their result or their own context. PNG is drawn by kinmap's own
// raster engine (png.go) on Graphviz's render callbacks, because
// go-graphviz's built-in one fills open curves and drops outlines, bold and
// italic. PNG text is shaped with go-text/typesetting (joining, right to
// left) in the Noto fonts from /usr/share/fonts (pngtext.go: Latin, Arabic
// script, Ethiopic, colour emoji), falling back to the embedded Go fonts.
//
// go-graphviz leaks each render's DOT and output inside the module, whose
// memory only grows; the worker keeps a snapshot of the module's memory
// taken when the instance was made and writes it back every 100 renders
// or when a quarter of a 32 MB reserve is used (wasmheap.go, which reaches the
// module through go:linkname; TestWASMModuleMirror guards that against a
// go-graphviz upgrade). make soak-maps shows the RSS staying flat.
//
// # Tests
//
// The render tests draw viz's golden DOT (../testdata). FuzzSanitiseSVG
// (testdata/fuzz) feeds the sanitiser hostile SVG and reads what it lets
// out with a browser's HTML parser.
package render
