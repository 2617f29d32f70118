package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/kinmap/kinmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// exportPageSize is how many records of one type a page of a streamed
// export reads.
var exportPageSize = 10_000

// The export pages read each record type by id, after the last id of the
// page before. The id's uniqueness constraint is a range index, so the
// planner seeks it from $after and the index gives the order (no Sort:
// TestExportPagesReadInIndexOrder checks the plans), and a page costs
// Neo4j the memory of $page rows whatever the size of the store. The
// patterns are those of the in-memory export (s.all without a date).
const (
	pagePeople        = "MATCH (p:Person) WHERE p.id > $after RETURN p{.*} AS x ORDER BY p.id LIMIT $page"
	pageHouseholds    = "MATCH (h:Household) WHERE h.id > $after RETURN h{.*} AS x ORDER BY h.id LIMIT $page"
	pageResidences    = "MATCH (a:Person)-[r:LIVES_IN]->(b:Household) WHERE r.id > $after RETURN r{.*, person: a.id, household: b.id} AS x ORDER BY r.id LIMIT $page"
	pageRelationships = "MATCH (a:Person)-[r:CONNECTED]->(b:Person) WHERE r.id > $after RETURN r{.*, from: a.id, to: b.id} AS x ORDER BY r.id LIMIT $page"
	pageContacts      = "MATCH (a:Person)-[r:CONTACT]->(b:Person) WHERE r.id > $after RETURN r{.*, from: a.id, to: b.id} AS x ORDER BY r.id LIMIT $page"
	pageAssignments   = "MATCH (a:Worker)-[r:HOLDS]->(b:Person) WHERE r.id > $after RETURN r{.*, worker: a.id, child: b.id} AS x ORDER BY r.id LIMIT $page"
	pageAssessments   = "MATCH (a:Assessment)-[:ASSESSES]->(c:Person) WHERE a.id > $after RETURN a{.*, child: c.id} AS x ORDER BY a.id LIMIT $page"
	pagePlanActions   = "MATCH (a:PlanAction)-[:PLANS_FOR]->(c:Person) WHERE a.id > $after RETURN a{.*, child: c.id} AS x ORDER BY a.id LIMIT $page"
)

// exportPage is how one list of the document is read: its page query,
// how a row becomes a record, and the query counting its records.
type exportPage struct {
	cypher, count string
	record        func(row) any
}

var exportPages = map[string]exportPage{
	"people":        {pagePeople, countPeople, func(r row) any { return personFrom(r) }},
	"households":    {pageHouseholds, countHouseholds, func(r row) any { return householdFrom(r) }},
	"residences":    {pageResidences, countResidences, func(r row) any { return residenceFrom(r) }},
	"relationships": {pageRelationships, countRelationships, func(r row) any { return relationshipFrom(r) }},
	"contacts":      {pageContacts, countContacts, func(r row) any { return contactFrom(r) }},
	"assignments":   {pageAssignments, countAssignments, func(r row) any { return assignmentFrom(r) }},
	"assessments":   {pageAssessments, countAssessments, func(r row) any { return assessmentFrom(r) }},
	"plan_actions":  {pagePlanActions, countPlanActions, func(r row) any { return planActionFrom(r) }},
}

// ErrExportMoved is the error of a streamed export during which the
// records changed: the document written so far mixes two states of the
// store and must be thrown away.
var ErrExportMoved = &graph.Error{Kind: graph.ErrConflict, Field: "export",
	Message: "the records changed while they were exported; export again"}

// ExportCount is about the number of records ExportStream writes, from
// Neo4j's count store (for a progress bar: it counts edges whatever the
// labels of their ends).
func (s *Store) ExportCount(ctx context.Context) (int64, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (int64, error) {
		var n int64
		for _, l := range graph.DocumentLists {
			recs, err := collect(ctx, tx, exportPages[l.Name].count, nil)
			if err != nil {
				return 0, err
			}
			c, _ := recs[0].Get("n")
			k, _ := c.(int64)
			n += k
		}
		return n, nil
	})
}

// ExportStream writes every record as Export and graph.WriteDocument
// would, byte for byte, but a page at a time: each page is read in its
// own short read transaction and written out before the next is read, so
// neither Neo4j nor kinmap holds more than a page of records, whatever
// the size of the store.
//
// Consistency: pages are read in many transactions, not one. The store
// version (version.go) is read before the first page and with every page;
// every write transaction bumps it atomically with its changes, so if it
// is unchanged after the last page, no change committed while the pages
// were read and the document is one state of the records (stronger than
// the in-memory export's one read-committed transaction, which can mix
// the lists of two states without saying so). If it moved, ExportStream
// stops with ErrExportMoved; it does not retry, as what it has written
// cannot be taken back. Short transactions also keep Neo4j from holding
// one transaction open for the whole export, and a page the driver
// retries writes nothing twice, as nothing is written before it is read.
//
// An error returned before anything reached w (ExportStream buffers up
// to 1 MiB) leaves w untouched; after that, w holds part of a document.
func (s *Store) ExportStream(ctx context.Context, w io.Writer, indent string, done func(records int)) error {
	start, err := s.Version(ctx)
	if err != nil {
		return err
	}
	return graph.StreamDocument(w, graph.Format, indent, done, func(list string, emit func(any) error) error {
		return s.exportList(ctx, list, start, emit)
	})
}

// exportRetries is how many times Export reads again when the records
// changed while it read them.
const exportRetries = 3

// Export reads every record, in id order, as an import document, by the
// same pages as ExportStream (so Neo4j holds a page at a time, not a whole
// list to sort) into memory: for callers that need the whole document
// (the pseudonymised export, tests). Nothing has left when the records
// change meanwhile, so it reads them again, up to exportRetries times.
func (s *Store) Export(ctx context.Context) (*graph.Document, error) {
	for attempt := 1; ; attempt++ {
		recs, err := s.exportRecords(ctx)
		if errors.Is(err, ErrExportMoved) && attempt < exportRetries {
			continue
		}
		if err != nil {
			return nil, err
		}
		recs.Sort() // already in order; makes the lists non-nil
		return &graph.Document{Format: graph.Format, Records: *recs}, nil
	}
}

func (s *Store) exportRecords(ctx context.Context) (*graph.Records, error) {
	start, err := s.Version(ctx)
	if err != nil {
		return nil, err
	}
	r := &graph.Records{}
	for _, l := range graph.DocumentLists {
		if err := s.exportList(ctx, l.Name, start, r.Add); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// exportList reads one list's records page by page and gives each, in
// id order, to each; ErrExportMoved when the store version is no longer
// start.
func (s *Store) exportList(ctx context.Context, list, start string, each func(any) error) error {
	p := exportPages[list]
	page := exportPageSize
	after := ""
	for {
		rows, version, err := s.exportPage(ctx, p.cypher, after, page)
		if err != nil {
			return fmt.Errorf("export %s: %w", list, err)
		}
		if version != start {
			return ErrExportMoved
		}
		for _, r := range rows {
			if err := each(p.record(r)); err != nil {
				return err
			}
		}
		if len(rows) < page {
			return nil
		}
		after = rows[len(rows)-1].str("id")
	}
}

// exportPage reads one page and, after it in the same transaction, the
// store version.
func (s *Store) exportPage(ctx context.Context, cypher, after string, page int) ([]row, string, error) {
	type result struct {
		rows    []row
		version string
	}
	out, err := readTx(ctx, s, func(tx neo4j.ManagedTransaction) (result, error) {
		recs, err := collect(ctx, tx, cypher, map[string]any{"after": after, "page": page})
		if err != nil {
			return result{}, err
		}
		rows := make([]row, 0, len(recs))
		for _, rec := range recs {
			v, _ := rec.Get("x")
			rows = append(rows, asRow(v))
		}
		version, err := versionIn(ctx, tx)
		return result{rows, version}, err
	})
	return out.rows, out.version, err
}
