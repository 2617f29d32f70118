package viz

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

func input40() Input {
	return Input{Network: syntheticNetwork(40), Audience: Professional, Generated: graph.MustDate("2026-11-02")}
}

// BenchmarkChildMapDOT40 measures DOT generation (redaction, layout,
// writing) for a child with 40 connections.
func BenchmarkChildMapDOT40(b *testing.B) {
	in := input40()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ChildMapDOT(in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderSVG40 measures rendering that DOT to sanitised SVG.
func BenchmarkRenderSVG40(b *testing.B) {
	benchRender(b, SVG)
}

// BenchmarkRenderPNG40 measures rendering it to PNG.
func BenchmarkRenderPNG40(b *testing.B) {
	benchRender(b, PNG)
}

func benchRender(b *testing.B, f Format) {
	dot, err := ChildMapDOT(input40())
	if err != nil {
		b.Fatal(err)
	}
	r := NewRenderer()
	defer r.Close()
	if _, err := r.Render(context.Background(), dot, f); err != nil { // start the worker
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := r.Render(context.Background(), dot, f); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGoldenSVG renders each DOT file of $VIZ_BENCH_DOT (the golden
// files, testdata/*.dot, when unset) to SVG: scripts/bench-maps.sh
// compares it with the dot command on the same files.
func BenchmarkGoldenSVG(b *testing.B) {
	dir := os.Getenv("VIZ_BENCH_DOT")
	if dir == "" {
		dir = "testdata"
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.dot"))
	if err != nil || len(files) == 0 {
		b.Skip("no DOT files in " + dir)
	}
	sort.Strings(files)
	r := NewRenderer()
	defer r.Close()
	for _, f := range files {
		dot, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".dot")
		b.Run(name, func(b *testing.B) {
			if _, err := r.Render(context.Background(), dot, SVG); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := r.Render(context.Background(), dot, SVG); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
