package neo4jstore_test

import (
	"context"
	"reflect"
	"sort"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
	"github.com/kinmap/kinmap/graph/neo4jstore"
	"github.com/kinmap/kinmap/internal/neo4jtest"
)

// pagesRead counts the pages of the report's projection read from the
// records while the test runs.
func pagesRead(t *testing.T) *atomic.Int64 {
	var n atomic.Int64
	t.Cleanup(neo4jstore.AfterProjectionPage(func() { n.Add(1) }))
	return &n
}

// sorted sorts a network's households, the one list a projection gives in
// no fixed order, so that two can be compared.
func sorted(n *graph.Network) *graph.Network {
	sort.Slice(n.Households, func(i, j int) bool { return n.Households[i].ID < n.Households[j].ID })
	return n
}

// The first report of a state of the records reads them and stores their
// projection under the store version, which it leaves as it was; a
// report in another process (here another Store) reads no records but
// the stored projection, and gives the same network. A write moves the
// version: the next report reads the records again and replaces the
// projection with theirs.
func TestReportProjectionStoredUnderTheVersion(t *testing.T) {
	s, ctx := fresh(t)
	doc := fixtures.Generate(fixtures.GenConfig{Seed: 7, Children: 80})
	reportExtras(&doc)
	mustImport(t, s, ctx, &doc)
	defer neo4jstore.SetReportPageSize(45)()
	read := pagesRead(t)
	before, err := s.Version(ctx)
	if err != nil {
		t.Fatalf("Version: %v", err)
	}
	first, err := s.ReportAuthority(ctx, fixtures.DefaultAsOf)
	if err != nil {
		t.Fatalf("ReportAuthority: %v", err)
	}
	if read.Load() < 2 {
		t.Fatalf("%d pages read: want the records read, in several pages", read.Load())
	}
	if after, _ := s.Version(ctx); after != before {
		t.Errorf("storing the projection moved the version: %s to %s", before, after)
	}
	versions, err := s.StoredProjectionVersions(ctx)
	if err != nil {
		t.Fatalf("StoredProjectionVersions: %v", err)
	}
	if int64(len(versions)) != read.Load() {
		t.Errorf("%d pages stored, %d read", len(versions), read.Load())
	}
	for _, v := range versions {
		if v != before {
			t.Errorf("a page stored under %q, want %q", v, before)
		}
	}

	other, err := neo4jstore.New(ctx, neo4jtest.Driver())
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	read.Store(0)
	for _, day := range []string{"2019-01-01", "2023-01-01", fixtures.DefaultAsOf.String()} {
		got, err := other.ReportAuthority(ctx, d(day))
		if err != nil {
			t.Fatalf("ReportAuthority: %v", err)
		}
		if day == fixtures.DefaultAsOf.String() && !reflect.DeepEqual(sorted(got), sorted(first)) {
			t.Errorf("the stored projection gives another network than the records did")
		}
	}
	if _, err := other.ReportAuthoritySeries(ctx, fixtures.DefaultAsOf); err != nil {
		t.Fatalf("ReportAuthoritySeries: %v", err)
	}
	if read.Load() != 0 {
		t.Errorf("%d pages read from the records: want the stored projection used", read.Load())
	}

	kid := graph.Person{ID: "0-late-kid", FullName: "Lia Late", DateOfBirth: d("2017-05-05"), LookedAfter: true, LookedAfterSince: d("2025-01-01")}
	if err := s.CreatePerson(ctx, kid); err != nil {
		t.Fatalf("CreatePerson: %v", err)
	}
	now, _ := s.Version(ctx)
	n, err := other.ReportAuthority(ctx, fixtures.DefaultAsOf)
	if err != nil {
		t.Fatalf("ReportAuthority: %v", err)
	}
	if read.Load() == 0 {
		t.Errorf("no pages read after a write: the old projection was used")
	}
	if len(n.People) != len(first.People)+1 {
		t.Errorf("%d people after the write, want %d", len(n.People), len(first.People)+1)
	}
	versions, _ = other.StoredProjectionVersions(ctx)
	for _, v := range versions {
		if v != now {
			t.Errorf("a page of version %q still stored, want only %q", v, now)
		}
	}

	if err := s.ForgetReportProjection(ctx); err != nil {
		t.Fatalf("ForgetReportProjection: %v", err)
	}
	if n := neo4jtest.StoredProjections(t); n != 0 {
		t.Errorf("%d pages stored after ForgetReportProjection", n)
	}
	read.Store(0)
	if _, err := s.ReportAuthority(ctx, fixtures.DefaultAsOf); err != nil {
		t.Fatalf("ReportAuthority: %v", err)
	}
	if read.Load() == 0 {
		t.Errorf("no pages read after ForgetReportProjection")
	}
}

// A stored projection that does not decode is not an error for the
// report: it is read from the records again, and stored again.
func TestReportProjectionDamagedIsReadAgain(t *testing.T) {
	s, ctx := fresh(t)
	doc := fixtures.Generate(fixtures.GenConfig{Seed: 8, Children: 40})
	mustImport(t, s, ctx, &doc)
	if err := s.PrepareReportProjection(ctx); err != nil {
		t.Fatalf("PrepareReportProjection: %v", err)
	}
	full, err := s.Authority(ctx, fixtures.DefaultAsOf)
	if err != nil {
		t.Fatalf("Authority: %v", err)
	}
	if err := s.DamageStoredProjection(ctx); err != nil {
		t.Fatalf("DamageStoredProjection: %v", err)
	}
	read := pagesRead(t)
	n, err := s.ReportAuthority(ctx, fixtures.DefaultAsOf)
	if err != nil {
		t.Fatalf("ReportAuthority over a damaged projection: %v", err)
	}
	if read.Load() == 0 {
		t.Errorf("no pages read: the damaged projection was used")
	}
	if got, want := analysis.SiblingPlacementReport(n), analysis.SiblingPlacementReport(full); !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v,\nwant %+v", got, want)
	}
	read.Store(0)
	if _, err := s.ReportAuthority(ctx, fixtures.DefaultAsOf); err != nil {
		t.Fatalf("ReportAuthority: %v", err)
	}
	if read.Load() != 0 {
		t.Errorf("%d pages read: the projection read again was not stored", read.Load())
	}
}

// Reports in several processes at once over a store with no stored
// projection all succeed, and the projection is stored once.
func TestReportProjectionStoredOnceByConcurrentReports(t *testing.T) {
	s, ctx := fresh(t)
	doc := fixtures.Generate(fixtures.GenConfig{Seed: 9, Children: 60})
	mustImport(t, s, ctx, &doc)
	defer neo4jstore.SetReportPageSize(40)()
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st, err := neo4jstore.New(context.Background(), neo4jtest.Driver())
			if err == nil {
				_, err = st.ReportAuthority(ctx, fixtures.DefaultAsOf)
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("report %d: %v", i, err)
		}
	}
	versions, err := s.StoredProjectionVersions(ctx)
	if err != nil {
		t.Fatalf("StoredProjectionVersions: %v", err)
	}
	people := len(doc.People)
	if want := (people + 39) / 40; len(versions) != want {
		t.Errorf("%d pages stored, want %d (%d people, 40 a page)", len(versions), want, people)
	}
}

// With no people there is no projection to store, and preparing it is
// no error (an import of households only says nothing alarming).
func TestPrepareReportProjectionWithNoPeople(t *testing.T) {
	s, ctx := fresh(t)
	mustImport(t, s, ctx, &graph.Document{Format: graph.Format, Records: graph.Records{
		Households: []graph.Household{{ID: "x-h", Kind: graph.HouseholdFoster, Name: "Empty"}}}})
	if err := s.PrepareReportProjection(ctx); err != nil {
		t.Errorf("PrepareReportProjection: %v", err)
	}
	n, err := s.ReportAuthority(ctx, fixtures.DefaultAsOf)
	if err != nil || len(n.People) != 0 {
		t.Errorf("ReportAuthority: %d people, %v", len(n.People), err)
	}
}
