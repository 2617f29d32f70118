package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
	"github.com/kinmap/kinmap/viz"
	"github.com/kinmap/kinmap/viz/render"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// Config holds server settings.
type Config struct {
	Addr string // listen address, e.g. ":8080"
	// Today returns the date used when a request gives no as_of; nil means
	// the real date.
	Today func() time.Time
	// TimeZone decides which date Today's instant falls on
	// (KINMAP_TIME_ZONE); nil means Europe/London.
	TimeZone *time.Location
	// Renderer draws maps; nil means a new render.Renderer (one Graphviz
	// instance serves the whole process either way).
	Renderer Renderer
	// MapCacheSize is how many rendered maps to keep; 0 means 256, and a
	// negative value turns the cache off.
	MapCacheSize int
	// RateLimit is the sustained requests per second allowed to one token
	// (or, before authentication, one client address), with bursts of
	// RateBurst (0: three times the rate, at least 1); 0 means 20 per
	// second with bursts of 60, negative turns limiting off.
	RateLimit float64
	RateBurst int
	// CORSOrigins lists the origins allowed to call the API from a
	// browser; empty means CORS is off.
	CORSOrigins []string
	// Auth authenticates callers; nil refuses every route but /healthz,
	// /readyz and the OpenAPI document.
	Auth Authenticator
	// PseudonymKey keys the hash that pseudonymises evaluators' exports;
	// empty turns that export off.
	PseudonymKey []byte
	// Observer hears of requests, map cache look-ups, 429s and audit
	// writes, for metrics; nil: none.
	Observer Observer
	// MetricsAddr is where cmd/kinmap serves the Prometheus metrics
	// (GET /metrics, KINMAP_METRICS_ADDR); empty: off. The API does not
	// listen there itself.
	MetricsAddr string
	// AuditBatch is the most audit events of concurrent requests written
	// in one transaction; 0 means 256, 1 turns grouping off (each request
	// writes its own).
	AuditBatch int
	// TrustedProxies are the addresses of the proxies whose
	// X-Forwarded-For is believed: the client is the rightmost hop that
	// is not one of them. Empty: the connection's address, headers
	// ignored.
	TrustedProxies []netip.Prefix
	// RequestTimeout is every request's deadline (deadline.go); 0 means
	// 10 s, negative none.
	RequestTimeout time.Duration
	// DisclosureThreshold: the authority report shows counts from 1 to
	// this as "c" (statistical disclosure control); 0 means
	// analysis.DefaultThreshold.
	DisclosureThreshold int
	// Web configures the practitioners' web app served at /.
	Web WebConfig
	// Analysis sets the assessment flags' thresholds (options.go); zero
	// fields mean the defaults.
	Analysis analysis.Options
}

// Server is kinmap's HTTP API.
type Server struct {
	cfg      Config
	log      *slog.Logger
	echo     *echo.Echo
	http     *http.Server
	renderer Renderer

	// The store, seen by each part as the small interface it needs
	// (store.go); New sets every one from the one Store it is given.
	records   RecordStore
	networks  NetworkStore
	documents DocumentStore
	scopes    ScopeStore
	auditLog  AuditStore
	tokens    TokenStore
	pinger    Pinger

	// ownRenderer is the renderer New made (no Config.Renderer), closed
	// by Close; nil when the caller's.
	ownRenderer *render.Renderer
	maps        *mapCache
	reports     *reportCache // authority reports by store version (reportcache.go)
	limiter     *limiter
	// authFailures counts failed authentications per client address.
	authFailures *limiter
	// audits groups concurrent audit appends (nil: each is its own).
	audits *auditBatcher
	obs    Observer
	// limited samples the log lines of rate-limited requests.
	limited *logSampler
	auth    Authenticator
	// registered holds "METHOD /pattern" of every route, so that the
	// access check can tell an unruled route (refused) from an unknown
	// one (404).
	registered map[string]bool
	web        *web
	// vcache holds callers' scopes, flags and drawn maps by store
	// version (versioncache.go).
	vcache versionedCaches
}

// Renderer draws DOT as SVG or PNG; *render.Renderer (viz/render) is the one kinmap
// uses. It must be safe for concurrent use and must not hand ctx to
// Graphviz (a cancelled render breaks it for the process).
type Renderer interface {
	Render(ctx context.Context, dot []byte, f viz.Format) ([]byte, error)
}

// New builds the server and its routes.
func New(cfg Config, store Store, log *slog.Logger) *Server {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if cfg.Today == nil {
		cfg.Today = time.Now
	}
	if cfg.TimeZone == nil {
		cfg.TimeZone = graph.London
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	// Client addresses come from the connection, not from headers a client
	// can forge, unless the connection is from a trusted proxy.
	e.IPExtractor = echo.ExtractIPDirect()
	if len(cfg.TrustedProxies) > 0 {
		// Behind trusted proxies the client is the rightmost hop of
		// X-Forwarded-For that is not one of them; nothing else (loopback,
		// private ranges) is trusted unless listed.
		trust := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
		for _, p := range cfg.TrustedProxies {
			p = p.Masked()
			trust = append(trust, echo.TrustIPRange(&net.IPNet{IP: p.Addr().AsSlice(), Mask: net.CIDRMask(p.Bits(), p.Addr().BitLen())}))
		}
		e.IPExtractor = echo.ExtractIPFromXFFHeader(trust...)
	}
	var ownRenderer *render.Renderer
	if cfg.Renderer == nil {
		ownRenderer = render.NewRenderer()
		cfg.Renderer = ownRenderer
	}
	if cfg.MapCacheSize == 0 {
		cfg.MapCacheSize = 256
	}
	s := &Server{cfg: cfg, log: log, echo: e, renderer: cfg.Renderer, maps: newMapCache(cfg.MapCacheSize),
		auth: cfg.Auth, registered: map[string]bool{}, limited: newLogSampler()}
	s.records, s.networks, s.documents, s.scopes = store, store, store, store
	s.auditLog, s.tokens, s.pinger = store, store, store
	s.ownRenderer = ownRenderer
	s.reports = newReportCache(16)
	s.web = newWeb(cfg.Web)
	s.auth = sessionAuth{sm: s.web.sm, inner: cfg.Auth}
	s.vcache = newVersionedCaches(cfg.MapCacheSize)
	switch {
	case cfg.RateLimit == 0:
		s.limiter = newLimiter(20, 60)
	case cfg.RateLimit > 0:
		burst := cfg.RateBurst
		if burst <= 0 {
			burst = int(3 * cfg.RateLimit)
		}
		s.limiter = newLimiter(cfg.RateLimit, max(burst, 1))
	}
	s.obs = cfg.Observer
	if s.obs == nil {
		s.obs = noObserver{}
	}
	if cfg.AuditBatch == 0 {
		cfg.AuditBatch = defaultAuditBatch
	}
	if cfg.AuditBatch > 1 {
		s.audits = newAuditBatcher(store, cfg.AuditBatch, s.obs.AuditBatch)
	}
	if s.limiter != nil {
		// An address may fail authentication 30 times at once, then once
		// a second.
		s.authFailures = newLimiter(1, 30)
	}
	e.HTTPErrorHandler = s.errorHandler
	e.Pre(headAsGet)
	e.Use(middleware.RequestIDWithConfig(middleware.RequestIDConfig{Generator: newRequestID}))
	e.Use(s.recoverer, s.accessLog, securityHeaders)
	e.Use(s.observeRequests)
	e.Use(s.deadline)
	if len(cfg.CORSOrigins) > 0 {
		e.Use(middleware.CORSWithConfig(middleware.CORSConfig{AllowOrigins: cfg.CORSOrigins,
			AllowMethods:  []string{http.MethodGet, http.MethodPost, http.MethodPut},
			AllowHeaders:  []string{echo.HeaderAuthorization, echo.HeaderContentType, "If-None-Match"},
			ExposeHeaders: []string{"ETag", echo.HeaderXRequestID, "Retry-After"}}))
	}
	e.Use(s.webSession)
	e.Use(s.rateLimit(rateKey), s.access)
	s.routes()
	for _, r := range e.Routes() {
		s.registered[r.Method+" "+r.Path] = true
	}
	s.http = &http.Server{
		Addr:              cfg.Addr,
		Handler:           e,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	return s
}

// Handler returns the HTTP handler (for tests and embedding).
func (s *Server) Handler() http.Handler { return s.echo }

// Serve serves on l until Shutdown.
func (s *Server) Serve(l net.Listener) error {
	err := s.http.Serve(l)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops accepting requests, waits for those in flight, then
// closes what New made (Close).
func (s *Server) Shutdown(ctx context.Context) error {
	return errors.Join(s.http.Shutdown(ctx), s.Close())
}

// Close releases what New made: the renderer, unless Config.Renderer
// handed one in (that one is the caller's to close). A server that is
// never served (Handler only) is closed with Close; requests after it
// cannot draw maps.
func (s *Server) Close() error {
	if s.ownRenderer == nil {
		return nil
	}
	return s.ownRenderer.Close()
}

func newRequestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// recoverer turns a panic into a 500 without leaking the stack to the
// client.
func (s *Server) recoverer(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error { return s.callSafe(c, next) }
}

// errPanic is what a handler's panic becomes.
var errPanic = errors.New("internal error")

// callSafe calls next, turning a panic into errPanic. The log gets the
// request id, the panic's type and the stack (function names and
// addresses), never the panic's value, which may quote data.
func (s *Server) callSafe(c echo.Context, next echo.HandlerFunc) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if r == http.ErrAbortHandler { // a streamed body cut short (abortStream)
				panic(r)
			}
			s.log.Error("panic", "request_id", requestID(c), "type", fmt.Sprintf("%T", r), "stack", string(debug.Stack()))
			err = errPanic
		}
	}()
	return next(c)
}

// accessLog logs method, route pattern (never the filled-in path, which
// holds ids only but keeps logs uniform), status and duration.
func (s *Server) accessLog(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		attrs := []any{"request_id", c.Response().Header().Get(echo.HeaderXRequestID),
			"method", method(c), "route", c.Path(),
			"status", c.Response().Status, "duration_ms", time.Since(start).Milliseconds()}
		if c.Response().Status == http.StatusTooManyRequests {
			// A sample: the first 429 per bucket per minute, with the
			// number left out since the last one logged.
			ok, left := s.limited.sample(rateKey(c))
			if !ok {
				return nil
			}
			if left > 0 {
				attrs = append(attrs, "suppressed_429", left)
			}
		}
		s.log.Info("request", attrs...)
		return nil
	}
}

// today is the default as-of date.
// today is the current time in the configured zone: its calendar date
// (graph.DateOf) is what "today" means in every request.
func (s *Server) today() time.Time { return s.cfg.Today().In(s.cfg.TimeZone) }

// Routes lists the served routes as "METHOD /path/{param}", sorted, in
// OpenAPI path syntax (for the test that keeps openapi.json complete).
func (s *Server) Routes() []string {
	var out []string
	for _, r := range s.echo.Routes() {
		if r.Path == "/*" || strings.HasSuffix(r.Path, "/*") || rules[r.Method+" "+r.Path].web {
			continue
		}
		parts := strings.Split(r.Path, "/")
		for i, p := range parts {
			if strings.HasPrefix(p, ":") {
				parts[i] = "{" + p[1:] + "}"
			}
		}
		out = append(out, r.Method+" "+strings.Join(parts, "/"))
	}
	slices.Sort(out)
	return slices.Compact(out)
}
