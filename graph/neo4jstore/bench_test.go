package neo4jstore_test

import (
	"testing"

	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
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
