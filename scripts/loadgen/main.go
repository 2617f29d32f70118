// Command loadgen is make bench-load's load generator: CLIENTS clients
// send GET requests to a URL for a while and it prints one table row:
// requests per second, p50 and p99 latency and non-2xx answers by status.
// It is here rather than a pinned third-party tool because fresh maps
// need a different URL on every request: "{n}" in the URL becomes a date
// one more day back each time (2026-11-30, 2026-11-29, ..., cycling after
// 2,000 days), so that each map is drawn anew. The bearer token comes
// from LOADGEN_TOKEN (never the command line, which other users can see).
package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	url := flag.String("url", "", "URL to GET; {n} becomes a date one day further back each request")
	clients := flag.Int("c", 8, "concurrent clients")
	dur := flag.Duration("d", 10*time.Second, "how long to run")
	label := flag.String("label", "", "first column of the row")
	flag.Parse()
	if *url == "" || *clients < 1 {
		fmt.Fprintln(os.Stderr, "usage: loadgen -url URL [-c 8] [-d 10s] [-label L]")
		os.Exit(2)
	}
	token := os.Getenv("LOADGEN_TOKEN")
	tr := &http.Transport{MaxIdleConns: *clients, MaxIdleConnsPerHost: *clients}
	hc := &http.Client{Transport: tr, Timeout: 60 * time.Second}
	base := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	var n atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	statuses := map[string]int{}
	deadline := time.Now().Add(*dur)
	start := time.Now()
	var wg sync.WaitGroup
	for range *clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			mineStatus := map[string]int{}
			for time.Now().Before(deadline) {
				i := n.Add(1)
				u := strings.ReplaceAll(*url, "{n}", base.AddDate(0, 0, -int(i%2000)).Format("2006-01-02"))
				req, _ := http.NewRequest(http.MethodGet, u, nil)
				if token != "" {
					req.Header.Set("Authorization", "Bearer "+token)
				}
				t0 := time.Now()
				res, err := hc.Do(req)
				if err != nil {
					mineStatus["error"]++
					continue
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				mine = append(mine, time.Since(t0))
				if res.StatusCode < 200 || res.StatusCode > 299 {
					mineStatus[fmt.Sprint(res.StatusCode)]++
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			for k, v := range mineStatus {
				statuses[k] += v
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	took := time.Since(start)
	slices.Sort(lat)
	pct := func(p float64) string {
		if len(lat) == 0 {
			return "-"
		}
		return fmt.Sprintf("%.1f", float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds())/1000)
	}
	var bad []string
	for k, v := range statuses {
		bad = append(bad, fmt.Sprintf("%s:%d", k, v))
	}
	sort.Strings(bad)
	if len(bad) == 0 {
		bad = []string{"-"}
	}
	fmt.Printf("%-28s %7d %9.1f %9s %9s  %s\n", *label, *clients, float64(len(lat))/took.Seconds(), pct(.50), pct(.99), strings.Join(bad, " "))
}
