package neo4jstore

import (
	"context"

	"github.com/kinmap/kinmap/graph"
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
