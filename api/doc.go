// Package api is kinmap's HTTP interface: an Echo server under /api/v1,
// with /healthz, /readyz and the OpenAPI 3 document at
// /api/v1/openapi.json.
//
// Handlers are thin: they decode and validate input (strict JSON, content
// type, size limit), call the store, analyses or renderer, and encode the
// result. Every error reaches the client through one table (errors.go)
// that maps the graph package's sentinel errors to HTTP statuses; clients
// never see driver messages, Cypher or stack traces, and logs carry no
// personal data (ids and request ids only).
//
// Access (authorize.go): the access middleware looks the route up in the
// rules table (rules.go), authenticates the caller and checks role and
// caseload scope (scope.go: who may see which child, worked out once a
// request and cached by store version). Rate limits are in ratelimit.go,
// the headers every response carries in headers.go.
//
// Auditing (audit.go): every ruled request's response is held until its
// audit event is stored. A change (any method but GET and HEAD) puts its
// event into the request context, and the store writes it in the change's
// own transaction; other events (reads, refusals, failures) go through
// auditBatcher (auditbatch.go), which writes the events of concurrent
// requests together in one transaction. Observer (observe.go) is the hook
// for metrics.
//
// The web app for practitioners is served from / by the same server
// (web_*.go, templates and assets embedded from webtmpl/). Its routes are
// rows of the one rules table (rules.go) marked web: the access check,
// caseload scope and audit are the API's; only authentication differs
// (webSession loads a server-side session, and sessionAuth reads the
// principal from it, never from a bearer token, while API routes never
// accept the session). Errors on web routes become HTML pages
// (webError). Forms build the same graph records the API decodes and save
// them through the same saveNew path, so validation and scope checks are
// shared; pages reuse the store, analysis and map functions of the
// handlers (mapDOT, renderCached).
//
// Maps (mapbuild.go): MapDOT draws the map a MapRequest asks for (the
// child's connection map, the review map with since, or the sibling-group
// map) for the API routes, the web pages and `kinmap render` alike.
//
// Storage is seen through small interfaces declared here, where they are
// used (store.go): RecordStore (records one at a time), NetworkStore
// (networks and snapshots, the store version), DocumentStore (import and
// export), ScopeStore (caseloads and scope), AuditStore, TokenStore and
// Pinger; MapStore is what MapDOT reads. Store is all of them: New takes
// one value that satisfies it (*neo4jstore.Store; store_test.go checks)
// and hands each part of the Server the interface it needs.
package api
