package api_test

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

// BenchmarkWebPages measures the web app's pages with 8 concurrent
// clients over real HTTP and Neo4j, next to the cached map endpoint they
// are compared with: the child page (its map from the render cache), and
// the caseload of a worker with 30 children (a generated authority).
func BenchmarkWebPages(b *testing.B) {
	hs, _, kids, iss := caseloadServer(b, "worker-bench")
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	signin := func() {
		res, err := c.Get(hs.URL + "/signin")
		if err != nil {
			b.Fatal(err)
		}
		body := readAllB(res)
		m := csrfField.FindStringSubmatch(body)
		req, _ := http.NewRequest(http.MethodPost, hs.URL+"/signin/demo", strings.NewReader(url.Values{"csrf": {m[1]}, "user": {"worker-bench"}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if res, err := c.Do(req); err != nil || res.StatusCode != http.StatusSeeOther {
			b.Fatalf("sign in: %v %v", err, res)
		}
	}
	signin()
	token := "Bearer " + iss.MintFor(graph.Principal{User: "worker-bench", Role: graph.RoleWorker})
	child := kids[0]
	run := func(name, path string, bearer bool) {
		b.Run(name, func(b *testing.B) {
			get := func() int {
				req, _ := http.NewRequest(http.MethodGet, hs.URL+path, nil)
				if bearer {
					req.Header.Set("Authorization", token)
				}
				res, err := c.Do(req)
				if err != nil {
					b.Error(err)
					return 0
				}
				res.Body.Close()
				return res.StatusCode
			}
			if st := get(); st != http.StatusOK { // warm up the render cache
				b.Fatalf("%s: status %d", path, st)
			}
			var n atomic.Int64
			b.SetParallelism(max(1, 8/runtime.GOMAXPROCS(0))) // 8 clients
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					n.Add(1)
					if st := get(); st != http.StatusOK {
						b.Errorf("%s: status %d", path, st)
					}
				}
			})
			// latency a client sees with 8 in flight, and the server's
			// time per page (wall time over pages served)
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N)*8, "ms/page@8")
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "server-ms/page")
		})
	}
	run("map-endpoint-cached", "/api/v1/children/"+child+"/map.svg", true)
	run("child-page-cached-map", "/children/"+child, false)
	run("caseload-30-children", "/caseload", false)
}

func readAllB(res *http.Response) string {
	defer res.Body.Close()
	var sb strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := res.Body.Read(buf)
		sb.Write(buf[:n])
		if err != nil {
			return sb.String()
		}
	}
}
