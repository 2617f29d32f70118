package api_test

import (
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/kinmap/kinmap/api"
	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/internal/neo4jtest"
)

// BenchmarkMapEndpoint measures the map endpoint with 8 concurrent
// clients over real HTTP and Neo4j: without the render cache (every
// request renders), with it (repeat maps are served from memory), and
// with If-None-Match (304, no render and no body).
func BenchmarkMapEndpoint(b *testing.B) {
	neo4jtest.Reset(b)
	doc, err := fixtures.All()
	if err != nil {
		b.Fatal(err)
	}
	store := testStore(b)
	if _, err := store.Import(b.Context(), &doc); err != nil {
		b.Fatal(err)
	}
	children := []string{"ard-shannon", "ard-kieran", "ard-amy", "bal-mason", "dru-tyler", "gar-mia", "tul-skye", "ard-ethan"}
	for _, bc := range []struct {
		name    string
		cache   int
		useETag bool
	}{{"no-cache", -1, false}, {"cache", 256, false}, {"etag-304", 256, true}} {
		b.Run(bc.name, func(b *testing.B) {
			cfg, iss := testConfig(b, store)
			cfg.MapCacheSize = bc.cache
			token := "Bearer " + iss.MintFor(manager)
			srv := api.New(cfg, store, nil)
			hs := httptest.NewServer(srv.Handler())
			defer hs.Close()
			etags := make([]string, len(children))
			for i, id := range children { // warm up: one render of each
				req, _ := http.NewRequest("GET", hs.URL+"/api/v1/children/"+id+"/map.svg?as_of=2026-11-01", nil)
				req.Header.Set("Authorization", token)
				res, err := http.DefaultClient.Do(req)
				if err != nil || res.StatusCode != http.StatusOK {
					b.Fatalf("warm-up %s: %v %v", id, err, res)
				}
				etags[i] = res.Header.Get("ETag")
				res.Body.Close()
			}
			var n atomic.Int64
			b.SetParallelism(max(1, 8/runtime.GOMAXPROCS(0))) // 8 clients
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					i := int(n.Add(1)) % len(children)
					req, _ := http.NewRequest("GET", hs.URL+"/api/v1/children/"+children[i]+"/map.svg?as_of=2026-11-01", nil)
					req.Header.Set("Authorization", token)
					if bc.useETag {
						req.Header.Set("If-None-Match", etags[i])
					}
					res, err := http.DefaultClient.Do(req)
					if err != nil {
						b.Error(err)
						return
					}
					res.Body.Close()
					if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusNotModified {
						b.Errorf("status %d", res.StatusCode)
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "maps/s")
		})
	}
}
