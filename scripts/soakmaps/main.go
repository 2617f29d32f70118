// Command soakmaps draws many distinct maps through kinmap's renderer and
// prints the process's resident memory every so often, to show that
// drawing maps does not make the process grow (viz/render/wasmheap.go).
//
//	go run ./scripts/soakmaps              # 20,000 maps, RSS every 1,000
//	go run ./scripts/soakmaps -n 2000 -every 200
//
// Every map is a child map of a fixture family's looked-after child with
// its own as_of and generated-on dates, so no two DOT texts are the same
// (as when workers vary as_of); one in ten is a PNG, the rest SVG. It
// exits non-zero when the RSS at the end is more than 20% above the RSS
// after the first report.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
	"github.com/kinmap/kinmap/viz"
	"github.com/kinmap/kinmap/viz/render"
)

func main() {
	n := flag.Int("n", 20000, "maps to draw")
	every := flag.Int("every", 1000, "print the RSS every this many maps")
	pngEvery := flag.Int("png-every", 10, "one map in this many is a PNG (0: none)")
	flag.Parse()
	if err := run(*n, *every, *pngEvery); err != nil {
		fmt.Fprintln(os.Stderr, "soakmaps:", err)
		os.Exit(1)
	}
}

type subject struct {
	recs  *graph.Records
	child graph.ID
}

func run(n, every, pngEvery int) error {
	fams, err := fixtures.Families()
	if err != nil {
		return err
	}
	var subjects []subject
	for _, f := range fams {
		for _, p := range f.Doc.People {
			if p.LookedAfter {
				subjects = append(subjects, subject{&f.Doc.Records, p.ID})
			}
		}
	}
	if len(subjects) == 0 {
		return fmt.Errorf("no fixture children")
	}
	r := render.NewRenderer()
	defer r.Close()
	base := graph.MustDate("2026-11-01")
	start := time.Now()
	var first int64
	fmt.Printf("%8s %9s %9s %9s %9s\n", "maps", "rss_MB", "wasm_MB", "restores", "elapsed")
	for i := 1; i <= n; i++ {
		s := subjects[i%len(subjects)]
		asOf := base.AddDays(-(i % 1500))
		net := s.recs.Snapshot(s.child, asOf)
		in := viz.Input{Network: net, Flags: analysis.Flags(net, analysis.DefaultOptions()),
			Audience: viz.Professional, Generated: base.AddDays(i)}
		dot, err := viz.ChildMapDOT(in)
		if err != nil {
			return fmt.Errorf("map %d: %w", i, err)
		}
		f := viz.SVG
		if pngEvery > 0 && i%pngEvery == 0 {
			f = viz.PNG
		}
		if _, err := r.Render(context.Background(), dot, f); err != nil {
			return fmt.Errorf("map %d: %w", i, err)
		}
		if i%every == 0 || i == n {
			// Garbage the runtime has not yet handed back is not growth:
			// collect and return it first, so the figure is what the
			// process holds.
			debug.FreeOSMemory()
			rss := rssBytes()
			size, restores := render.HeapStats()
			fmt.Printf("%8d %9.1f %9.1f %9d %9s\n", i, mb(rss), mb(int64(size)), restores, time.Since(start).Round(time.Second))
			if first == 0 {
				first = rss
			}
		}
	}
	debug.FreeOSMemory()
	end := rssBytes()
	ratio := float64(end) / float64(first)
	fmt.Printf("RSS after the first %d maps %.1f MB, after %d maps %.1f MB: ratio %.2f (limit 1.20), %s\n",
		every, mb(first), n, mb(end), ratio, time.Since(start).Round(time.Second))
	if ratio > 1.2 {
		return fmt.Errorf("RSS grew by %.0f%%", (ratio-1)*100)
	}
	return nil
}

func mb(b int64) float64 { return float64(b) / (1 << 20) }

// rssBytes is the process's resident set size, from /proc (Linux).
func rssBytes() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
