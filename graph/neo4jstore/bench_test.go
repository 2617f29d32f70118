package neo4jstore_test

import (
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/neo4jstore"
)

// authority1000 is a generated authority of 1,000 looked-after children
// with their families (about 5,300 people and 45,000 records).
func authority1000() graph.Document {
	return fixtures.Generate(fixtures.GenConfig{Seed: 1, Children: 1000})
}

func records(d *graph.Document) int {
	n := 0
	for _, c := range d.Counts() {
		n += c
	}
	return n
}

// BenchmarkImportAuthority1000 imports a whole generated authority into an
// empty database (in batches: it is over the single-transaction limit).
func BenchmarkImportAuthority1000(b *testing.B) {
	doc := authority1000()
	s, ctx := fresh(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		s, ctx = fresh(b)
		b.StartTimer()
		if _, err := s.Import(ctx, &doc); err != nil {
			b.Fatalf("Import: %v", err)
		}
	}
	b.ReportMetric(float64(records(&doc))*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkReimportAuthority1000 imports the same authority again: the
// idempotent path (every MERGE matches).
func BenchmarkReimportAuthority1000(b *testing.B) {
	doc := authority1000()
	s, ctx := fresh(b)
	mustImport(b, s, ctx, &doc)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Import(ctx, &doc); err != nil {
			b.Fatalf("Import: %v", err)
		}
	}
	b.ReportMetric(float64(records(&doc))*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkNetwork fetches one child's network (one query) from the
// generated authority.
func BenchmarkNetwork(b *testing.B) {
	doc := authority1000()
	s, ctx := fresh(b)
	mustImport(b, s, ctx, &doc)
	var child graph.ID
	for _, p := range doc.People {
		if p.LookedAfterOn(fixtures.DefaultAsOf) {
			child = p.ID
			break
		}
	}
	asOf := fixtures.DefaultAsOf
	rows := 0
	if _, err := s.Network(ctx, child, asOf); err != nil { // warm up: Neo4j plans the query once
		b.Fatalf("Network: %v", err)
	}
	b.ReportAllocs()
	for b.Loop() {
		n, err := s.Network(ctx, child, asOf)
		if err != nil {
			b.Fatalf("Network: %v", err)
		}
		rows = len(n.People) + len(n.Relationships) + len(n.Contacts) + len(n.Residences)
	}
	b.ReportMetric(float64(rows), "records/op")
}

// BenchmarkAuthoritySnapshot streams the whole authority for the report.
func BenchmarkAuthoritySnapshot(b *testing.B) {
	doc := authority1000()
	s, ctx := fresh(b)
	mustImport(b, s, ctx, &doc)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Authority(ctx, fixtures.DefaultAsOf); err != nil {
			b.Fatalf("Authority: %v", err)
		}
	}
	b.ReportMetric(float64(records(&doc))*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkReportAuthority loads the report's projection of a generated
// authority (BENCH_REPORT_CHILDREN looked-after children, default 1,000)
// with one page read at a time (the baseline) and with the default number
// of readers, in the same run.
func BenchmarkReportAuthority(b *testing.B) {
	children := 1000
	if v := os.Getenv("BENCH_REPORT_CHILDREN"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			b.Fatalf("BENCH_REPORT_CHILDREN=%q: want a positive number", v)
		}
		children = n
	}
	doc := fixtures.Generate(fixtures.GenConfig{Seed: 1, Children: children})
	s, ctx := fresh(b)
	mustImport(b, s, ctx, &doc)
	if _, err := s.ReportAuthority(ctx, fixtures.DefaultAsOf); err != nil { // Neo4j plans the queries once
		b.Fatalf("ReportAuthority: %v", err)
	}
	for _, readers := range []int{1, neo4jstore.ProjectionReaders()} {
		b.Run(fmt.Sprintf("readers=%d", readers), func(b *testing.B) {
			defer neo4jstore.SetProjectionReaders(readers)()
			b.ReportAllocs()
			rows := 0
			for b.Loop() {
				n, err := s.ReportAuthority(ctx, fixtures.DefaultAsOf)
				if err != nil {
					b.Fatalf("ReportAuthority: %v", err)
				}
				rows = len(n.People) + len(n.Relationships) + len(n.Residences) + len(n.Contacts)
			}
			b.ReportMetric(float64(rows), "records/op")
		})
	}
}
