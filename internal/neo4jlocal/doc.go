// Package neo4jlocal starts a real Neo4j 5.26 Community server on 127.0.0.1
// without Docker, for development and tests.
//
// The server is the small Java launcher in the repository's neo4jlocal/
// folder (Neo4j embedded with Bolt), built by scripts/neo4j-build.sh with
// Maven and run with the system's java (17+). Start builds it when needed,
// runs it in its own process group, waits for its
// "NEO4J READY bolt://127.0.0.1:PORT" line and returns a *Server whose Stop
// shuts it down cleanly. On Linux the server also gets SIGTERM when the
// starting Go process dies.
//
// For fault tests a Server can also be paused and continued (Pause,
// Resume: SIGSTOP and SIGCONT to its process group, a stalled server),
// killed (Kill: SIGKILL, a crash) and started again on the same home
// folder, port and password (Restart), so with the same data.
package neo4jlocal
