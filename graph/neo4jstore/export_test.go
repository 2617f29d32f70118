package neo4jstore

import (
	"context"

	"github.com/kinmap/kinmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// SetReportPageSize changes the report projection's page size for a test
// and returns a function that restores it.
func SetReportPageSize(n int) (restore func()) {
	old := reportPageSize
	reportPageSize = n
	return func() { reportPageSize = old }
}

// SetProjectionReaders changes how many pages of a projection are read at
// once, for a test or a benchmark, and returns a function that restores it.
func SetProjectionReaders(n int) (restore func()) {
	old := projectionReaders
	projectionReaders = n
	return func() { projectionReaders = old }
}

// ProjectionReaders is how many pages of a projection are read at once.
func ProjectionReaders() int { return projectionReaders }

// SetExportPageSize changes the streamed export's page size for a test
// and returns a function that restores it.
func SetExportPageSize(n int) (restore func()) {
	old := exportPageSize
	exportPageSize = n
	return func() { exportPageSize = old }
}

// ExportPageQueries are the export's page queries by list, for plan checks.
func ExportPageQueries() map[string]string {
	out := map[string]string{}
	for name, p := range exportPages {
		out[name] = p.cypher
	}
	return out
}

// ExportOneQueryEach is the export as it was before it was paged: each
// record type one query, all in one read transaction, sorted by Neo4j;
// the reference the paged exports are compared with.
func (s *Store) ExportOneQueryEach(ctx context.Context) (*graph.Document, error) {
	recs, err := s.all(ctx, graph.Date{})
	if err != nil {
		return nil, err
	}
	recs.Sort()
	return &graph.Document{Format: graph.Format, Records: *recs}, nil
}

// AfterProjectionPage has f run after each page of a projection is read
// (for a test), and returns a function that removes it.
func AfterProjectionPage(f func()) (restore func()) {
	afterProjectionPage = f
	return func() { afterProjectionPage = nil }
}

// DamageStoredProjection overwrites every stored page of the report's
// projection with bytes that do not decode (for a test).
func (s *Store) DamageStoredProjection(ctx context.Context) error {
	return s.bookkeep(ctx, func(tx neo4j.ManagedTransaction) error {
		return run(ctx, tx, "MATCH (s:ReportProjection) SET s.data = $data", map[string]any{"data": []byte{projectionCodec, 0xff}})
	})
}

// StoredProjectionVersions are the store versions of the stored pages of
// the report's projection, one per page.
func (s *Store) StoredProjectionVersions(ctx context.Context) ([]string, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) ([]string, error) {
		recs, err := collect(ctx, tx, "MATCH (s:ReportProjection) RETURN s.version AS v ORDER BY s.part", nil)
		var out []string
		for _, r := range recs {
			v, _ := r.Get("v")
			out = append(out, str(v))
		}
		return out, err
	})
}

// SchemaOnline reports whether ApplySchema would find the schema in place
// and run nothing.
func (s *Store) SchemaOnline(ctx context.Context) bool {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	return s.schemaOnline(ctx, sess)
}
