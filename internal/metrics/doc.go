// Package metrics is kinmap's Prometheus instrumentation: one registry
// with the HTTP, render, map cache, rate limit, audit and Neo4j metrics
// and the Go runtime's and process's, served by cmd/kinmap on its own
// listen address (KINMAP_METRICS_ADDR) when that is set. The packages it
// measures do not import Prometheus: each declares a small observer
// interface or hook (api.Observer, render.RenderObserver,
// neo4jstore.Store.ObserveErrors) and Metrics implements them.
//
// Labels are bounded: route patterns (never filled-in paths), methods,
// statuses, formats and error kinds, never names or ids.
package metrics
