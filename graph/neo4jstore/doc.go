// Package neo4jstore stores kinmap's domain in Neo4j 5 through the
// official Go driver. All Cypher lives in this package and every query
// takes its values as parameters; no query text is ever built from data.
//
// Model in the database:
//
//	(:Person {id, full_name, ...})
//	(:Household {id, kind, ...})
//	(:Worker {id})
//	(:Person)-[:LIVES_IN {id, from, until}]->(:Household)   a Residence
//	(:Person)-[:CONNECTED {id, kind, since, until, ...}]->(:Person)   a Relationship
//	(:Person)-[:CONTACT {id, date, kind}]->(:Person)       a Contact event
//	(:Worker)-[:HOLDS {id, team, since, until}]->(:Person)   an Assignment
//	(:AuditEvent {id, at, user, role, child, record, action, ...})   append-only
//	(:ApiToken {id, hash, user, role, teams, created, expires, revoked})
//	(:StoreVersion {id: 'store', epoch, n})   bumped by every write transaction
//	(:ReportProjection {key, version, part, parts, data})   derived
//
// Nested domain values (views, contact arrangement, restriction,
// separation) are flattened into prefixed properties (from_circle,
// contact_mode, restriction_reason, ...), because Neo4j properties cannot
// hold maps. Dates are native Neo4j DATE values.
//
// Schema (uniqueness constraints and indexes) is applied idempotently by
// New. Every logical change runs in one write transaction, and the audit
// event the context carries (graph.ChangeAudit) is appended in that same
// transaction (store.go write, audit.go withChangeAudit): a change commits
// with its event or not at all. Reads that make
// one snapshot (a child's network) are one query, one round trip.
// Driver errors are mapped to the graph package's sentinel errors with
// errors.As, so wrapped errors are recognised too.
//
// Imports of files (the CLI, POST /import) are streamed (bulkstream.go):
// ImportStream reads the document twice, never whole. The first pass
// decodes it record by record (graph.ScanDocument) and checks it
// (graph.DocumentValidator keeps only packed ids; stored-end conflicts and
// references to stored people are read in batches); nothing is written
// unless it passes. The second pass writes batches of BatchSize rows, one
// transaction each; for lists already holding records, a read first picks
// the rows whose record is new or differs (properties() against a row with
// no nulls), so an unchanged re-import writes nothing and a re-run after
// an interruption writes only what is missing. Lists empty when the
// import began are written with CREATE. Import (a document in memory:
// fixtures, the demo) is the older path and stays for them.
//
// Exports stream too (exportstream.go): ExportStream reads each record
// type in pages by id (the id constraint's index gives the order; no
// Sort), one short read transaction a page, and writes each page
// (graph.StreamDocument) before reading the next; the store version read
// with every page stops the export if the records changed meanwhile.
// Export reads by the same pages into a *graph.Document in memory (for
// the pseudonymised export and tests), and reads again if the records
// changed meanwhile.
//
// The authority report and its series read the report's projection
// (projection.go, report.go): every person, their sibling and parent
// relationships, the homes of looked-after children and every date of
// contact between two of them, for every date at once, read in pages by
// id and encoded page by page (projection_codec.go); a report or a series
// decodes it for its dates. The encoded pages are kept as
// (:ReportProjection) nodes under the store version they were read at
// (projection_stored.go), written as bookkeeping (no version bump, no
// audit): any kinmap process's next report of the same state decodes
// them instead of reading the authority, and a write, by moving the
// version, makes the next report read the records again. Imports call
// PrepareReportProjection when they are done.
package neo4jstore
