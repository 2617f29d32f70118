package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/kinmap/kinmap/api"
	"github.com/kinmap/kinmap/graph/neo4jstore"
	"github.com/kinmap/kinmap/internal/metrics"
	"github.com/kinmap/kinmap/viz/render"
)

// startMetrics, when cfg.MetricsAddr is set, hooks kinmap's Prometheus
// metrics into the API, the renderer and the store and serves them at
// GET /metrics on that address (nothing else is served there). It
// returns a function that stops the metrics server.
func startMetrics(e *env, cfg *api.Config, store *neo4jstore.Store, renderer *render.Renderer) (func(), error) {
	if cfg.MetricsAddr == "" {
		return func() {}, nil
	}
	m := metrics.New()
	cfg.Observer = m
	renderer.Observe(m)
	store.ObserveErrors(m.Neo4jError)
	l, err := net.Listen("tcp", cfg.MetricsAddr)
	if err != nil {
		return nil, fmt.Errorf("metrics listen: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 120 * time.Second}
	go func() {
		if err := srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintf(e.stderr, "kinmap serve: metrics: %v\n", err)
		}
	}()
	fmt.Fprintf(e.stdout, "metrics on %s/metrics\n", displayURL(l.Addr()))
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}, nil
}
