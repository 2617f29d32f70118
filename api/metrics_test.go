package api_test

import (
	"bufio"
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kinmap/kinmap/api"
	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/internal/metrics"
	"github.com/kinmap/kinmap/internal/neo4jtest"
	"github.com/kinmap/kinmap/viz/render"
)

// scrapeMetrics reads the metrics as Prometheus would; the function it
// returns sums the samples of a series by name and label subset, e.g.
// (`kinmap_http_requests_total`, `route="/api/v1/children/:id/flags"`).

func scrapeMetrics(t *testing.T, m *metrics.Metrics) (string, func(name string, labels ...string) (float64, bool)) {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("scrape: %d", rec.Code)
	}
	text := rec.Body.String()
	return text, func(name string, labels ...string) (float64, bool) {
		total, found := 0.0, false
		sc := bufio.NewScanner(strings.NewReader(text))
		for sc.Scan() {
			line := sc.Text()
			if strings.HasPrefix(line, "#") {
				continue
			}
			series, value, ok := strings.Cut(line, " ")
			if !ok || (series != name && !strings.HasPrefix(series, name+"{")) {
				continue
			}
			match := true
			for _, l := range labels {
				match = match && strings.Contains(series, l)
			}
			if !match {
				continue
			}
			v, err := strconv.ParseFloat(value, 64)
			if err != nil {
				t.Fatalf("scrape: bad value in %q", line)
			}
			total, found = total+v, true
		}
		return total, found
	}
}

// TestMetricsSeriesExistAndMove drives a server with metrics on and
// scrapes them: requests by route pattern and status, latency, map cache
// hits and misses, render time and queue wait, 429s, audit batch sizes
// and failures, Neo4j errors; no id or name in any label.
func TestMetricsSeriesExistAndMove(t *testing.T) {
	neo4jtest.Reset(t)
	m := metrics.New()
	store := testStore(t)
	store.ObserveErrors(m.Neo4jError)
	renderer := render.NewRenderer()
	defer renderer.Close()
	renderer.Observe(m)
	cfg, iss := testConfig(t, store)
	cfg.Observer, cfg.Renderer = m, renderer
	srv := api.New(cfg, store, nil)
	c := (&client{t: t, h: srv.Handler(), log: &bytes.Buffer{}, issuer: iss, srv: srv}).as(admin)
	doc, err := fixtures.All()
	if err != nil {
		t.Fatal(err)
	}
	if res := c.do("POST", "/api/v1/import", doc, ""); res.Status != http.StatusOK {
		t.Fatalf("import: %d %s", res.Status, res.Body)
	}
	_, before := scrapeMetrics(t, m)
	worker := c.as(graph.Principal{User: "worker-a", Role: graph.RoleWorker})
	for range 3 {
		if res := worker.do("GET", "/api/v1/children/ard-kieran/flags", nil, ""); res.Status != http.StatusOK {
			t.Fatalf("flags: %d", res.Status)
		}
	}
	for range 2 { // a miss, then a hit
		if res := worker.do("GET", "/api/v1/children/ard-kieran/map.svg", nil, ""); res.Status != http.StatusOK {
			t.Fatalf("map: %d", res.Status)
		}
	}
	worker.do("GET", "/api/v1/children/bal-mason/flags", nil, "") // 404: out of scope
	worker.do("GET", "/no/such/route", nil, "")

	// 429s, on a server with a tight limit.
	tight, tightIss := testConfig(t, store)
	tight.Observer, tight.Renderer, tight.RateLimit, tight.RateBurst = m, renderer, 1, 1
	limited := (&client{t: t, h: api.New(tight, store, nil).Handler(), log: &bytes.Buffer{}, issuer: tightIss}).as(graph.Principal{User: "worker-a", Role: graph.RoleWorker})
	got429 := false
	for range 5 {
		if res := limited.do("GET", "/api/v1/children/ard-kieran/flags", nil, ""); res.Status == http.StatusTooManyRequests {
			got429 = true
		}
	}
	if !got429 {
		t.Fatalf("no 429 from a server limited to 1 request a second")
	}
	// An audit trail that cannot be written.
	down, downIss := testConfig(t, failingAudit{store})
	down.Observer, down.Renderer = m, renderer
	downC := (&client{t: t, h: api.New(down, failingAudit{store}, nil).Handler(), log: &bytes.Buffer{}, issuer: downIss}).as(graph.Principal{User: "worker-a", Role: graph.RoleWorker})
	if res := downC.do("GET", "/api/v1/children/ard-kieran/flags", nil, ""); res.Status != http.StatusServiceUnavailable {
		t.Fatalf("flags with the audit trail down: %d, want 503", res.Status)
	}
	// A Neo4j error: a query whose deadline has passed.
	expired, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	if err := store.Ping(expired); err == nil {
		t.Fatalf("Ping with an expired deadline: no error")
	}

	text, after := scrapeMetrics(t, m)
	moved := []struct {
		name   string
		labels []string
		by     float64
	}{
		{"kinmap_http_requests_total", []string{`route="/api/v1/children/:id/flags"`, `status="200"`, `method="GET"`}, 4},
		{"kinmap_http_requests_total", []string{`route="/api/v1/children/:id/flags"`, `status="404"`}, 1},
		{"kinmap_http_requests_total", []string{`route="/api/v1/children/:id/flags"`, `status="503"`}, 1},
		{"kinmap_http_requests_total", []string{`route="/api/v1/children/:id/map.svg"`, `status="200"`}, 2},
		{"kinmap_http_requests_total", []string{`route="unmatched"`, `status="404"`}, 1},
		{"kinmap_http_request_duration_seconds_count", []string{`route="/api/v1/children/:id/map.svg"`}, 2},
		{"kinmap_map_cache_requests_total", []string{`result="miss"`}, 1},
		{"kinmap_map_cache_requests_total", []string{`result="hit"`}, 1},
		{"kinmap_render_seconds_count", []string{`format="svg"`}, 1},
		{"kinmap_render_queue_wait_seconds_count", []string{`format="svg"`}, 1},
		{"kinmap_rate_limited_requests_total", nil, 1},
		{"kinmap_audit_batch_size_count", nil, 6},
		{"kinmap_audit_write_failures_total", nil, 1},
		{"kinmap_neo4j_errors_total", nil, 1},
		{"process_resident_memory_bytes", nil, 0},
	}
	for _, w := range moved {
		a, ok := after(w.name, w.labels...)
		if !ok {
			t.Errorf("no series %s%v in the scrape", w.name, w.labels)
			continue
		}
		b, _ := before(w.name, w.labels...)
		if (w.by > 0 && a-b < w.by) || a <= 0 {
			t.Errorf("%s%v moved by %v, want at least %v", w.name, w.labels, a-b, w.by)
		}
	}
	for _, id := range []string{"ard-kieran", "bal-mason", "worker-a", "admin-t", "/no/such"} {
		if strings.Contains(text, id) {
			t.Errorf("the metrics name %q", id)
		}
	}
}
