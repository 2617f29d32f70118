package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// Observer is told what the server does, for metrics (internal/metrics
// implements it). Its methods must return at once. Labels it is given are
// route patterns, methods and statuses, never filled-in paths.
type Observer interface {
	// Request: an answered request, by method, route pattern
	// ("unmatched" for no route) and status, and how long it took.
	Request(method, route string, status int, took time.Duration)
	// MapCache: a look-up in the rendered-map cache.
	MapCache(hit bool)
	// RateLimited: a request answered 429.
	RateLimited()
	// AuditBatch: audit events of size requests written in one
	// transaction (err: it failed).
	AuditBatch(size int, err error)
	// AuditFailed: a request whose audit event could not be written.
	AuditFailed()
}

// noObserver observes nothing.
type noObserver struct{}

func (noObserver) Request(string, string, int, time.Duration) {}
func (noObserver) MapCache(bool)                              {}
func (noObserver) RateLimited()                               {}
func (noObserver) AuditBatch(int, error)                      {}
func (noObserver) AuditFailed()                               {}

// knownMethods bounds the method label.
var knownMethods = map[string]bool{http.MethodGet: true, http.MethodHead: true, http.MethodPost: true,
	http.MethodPut: true, http.MethodPatch: true, http.MethodDelete: true, http.MethodOptions: true}

// observeRequests reports every answered request to the observer, with
// its route pattern and status; a 429 is counted as rate limited too.
func (s *Server) observeRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		method, route := c.Request().Method, c.Path()
		if !s.registered[method+" "+route] {
			route = "unmatched"
		}
		if !knownMethods[method] {
			method = "other"
		}
		status := c.Response().Status
		s.obs.Request(method, route, status, time.Since(start))
		if status == http.StatusTooManyRequests {
			s.obs.RateLimited()
		}
		return nil
	}
}
