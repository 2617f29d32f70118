// Package neo4jtest gives test packages a real Neo4j through TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(neo4jtest.Run(m)) }
//
// Run connects to KINMAP_TEST_NEO4J_URI when it is set (user neo4j, password
// from KINMAP_TEST_NEO4J_PASSWORD, else NEO4J_PASSWORD, else the dev
// default), or else starts a throw-away server with package neo4jlocal in a
// temporary folder on a free port. Tests then use Driver, Reset and Counts.
// If Neo4j cannot be reached Run prints why and returns 1: the tests fail,
// they never pass silently.
//
// All tests of a package share one database, so tests that use it must not
// run in parallel with each other. A server given by KINMAP_TEST_NEO4J_URI is
// shared by every package: run `go test -p 1` then.
package neo4jtest
