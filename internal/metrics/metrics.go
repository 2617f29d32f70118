package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/kinmap/kinmap/viz"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds kinmap's Prometheus metrics. Its methods are the hooks
// the API (api.Observer), the renderer (render.RenderObserver) and the store
// (neo4jstore.Store.ObserveErrors) call. Labels are route patterns,
// methods, statuses, formats and kinds: never names or ids.
type Metrics struct {
	reg         *prometheus.Registry
	requests    *prometheus.CounterVec
	latency     *prometheus.HistogramVec
	render      *prometheus.HistogramVec
	renderWait  *prometheus.HistogramVec
	renderFails *prometheus.CounterVec
	mapCache    *prometheus.CounterVec
	rateLimited prometheus.Counter
	auditFails  prometheus.Counter
	auditBatch  prometheus.Histogram
	neo4jErrors *prometheus.CounterVec
}

// New returns kinmap's metrics, with the Go runtime's and the process's
// (memory, CPU, open files) in the same registry.
func New() *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	f := func(c prometheus.Collector) prometheus.Collector { m.reg.MustRegister(c); return c }
	m.requests = f(prometheus.NewCounterVec(prometheus.CounterOpts{Name: "kinmap_http_requests_total",
		Help: "HTTP requests by method, route pattern and status."}, []string{"method", "route", "status"})).(*prometheus.CounterVec)
	m.latency = f(prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "kinmap_http_request_duration_seconds",
		Help:    "Time to answer an HTTP request, by method and route pattern.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}},
		[]string{"method", "route"})).(*prometheus.HistogramVec)
	renderBuckets := []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}
	m.render = f(prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "kinmap_render_seconds",
		Help: "Time Graphviz took to draw a map, by format.", Buckets: renderBuckets}, []string{"format"})).(*prometheus.HistogramVec)
	m.renderWait = f(prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "kinmap_render_queue_wait_seconds",
		Help: "Time a map waited for the render worker, by format.", Buckets: renderBuckets}, []string{"format"})).(*prometheus.HistogramVec)
	m.renderFails = f(prometheus.NewCounterVec(prometheus.CounterOpts{Name: "kinmap_render_failures_total",
		Help: "Renders that failed, by format."}, []string{"format"})).(*prometheus.CounterVec)
	m.mapCache = f(prometheus.NewCounterVec(prometheus.CounterOpts{Name: "kinmap_map_cache_requests_total",
		Help: "Map cache look-ups, by result (hit or miss)."}, []string{"result"})).(*prometheus.CounterVec)
	m.rateLimited = f(prometheus.NewCounter(prometheus.CounterOpts{Name: "kinmap_rate_limited_requests_total",
		Help: "Requests answered 429 (rate limited)."})).(prometheus.Counter)
	m.auditFails = f(prometheus.NewCounter(prometheus.CounterOpts{Name: "kinmap_audit_write_failures_total",
		Help: "Requests whose audit event could not be written (each answered 503 or, when refused anyway, its refusal)."})).(prometheus.Counter)
	m.auditBatch = f(prometheus.NewHistogram(prometheus.HistogramOpts{Name: "kinmap_audit_batch_size",
		Help:    "Audit events written together in one transaction.",
		Buckets: []float64{1, 2, 4, 8, 16, 32, 64, 128, 256}})).(prometheus.Histogram)
	m.neo4jErrors = f(prometheus.NewCounterVec(prometheus.CounterOpts{Name: "kinmap_neo4j_errors_total",
		Help: "Neo4j transactions that ended in a driver or server error, by kind."}, []string{"kind"})).(*prometheus.CounterVec)
	m.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, r := range []string{"hit", "miss"} {
		m.mapCache.WithLabelValues(r)
	}
	return m
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Request counts an answered request; route is the route pattern.
func (m *Metrics) Request(method, route string, status int, took time.Duration) {
	m.requests.WithLabelValues(method, route, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(method, route).Observe(took.Seconds())
}

// MapCache counts a map cache look-up.
func (m *Metrics) MapCache(hit bool) {
	r := "miss"
	if hit {
		r = "hit"
	}
	m.mapCache.WithLabelValues(r).Inc()
}

// RateLimited counts a 429.
func (m *Metrics) RateLimited() { m.rateLimited.Inc() }

// AuditFailed counts a request whose audit event could not be written.
func (m *Metrics) AuditFailed() { m.auditFails.Inc() }

// AuditBatch records the size of one audit batch transaction.
func (m *Metrics) AuditBatch(size int, _ error) { m.auditBatch.Observe(float64(size)) }

// Rendered records one render's queue wait and time.
func (m *Metrics) Rendered(f viz.Format, wait, took time.Duration, err error) {
	m.renderWait.WithLabelValues(string(f)).Observe(wait.Seconds())
	m.render.WithLabelValues(string(f)).Observe(took.Seconds())
	if err != nil {
		m.renderFails.WithLabelValues(string(f)).Inc()
	}
}

// Neo4jError counts a Neo4j error of kind.
func (m *Metrics) Neo4jError(kind string) { m.neo4jErrors.WithLabelValues(kind).Inc() }
