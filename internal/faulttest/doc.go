// Package faulttest holds kinmap's fault tests: the API and the store
// against a Neo4j that stalls (SIGSTOP) or dies (SIGKILL) under load, and
// imports and writes across a kill. The package starts its own Neo4j
// (internal/neo4jlocal), whatever KINMAP_TEST_NEO4J_URI says, because it
// pauses and kills it; restarts keep the data (same home folder).
//
// The deadline the tests hold the server to is short (requestTimeout),
// so that a stall is over in seconds; the whole set takes about two
// minutes, most of it Neo4j starting and recovering.
package faulttest
