package faulttest

import (
	"context"
	"testing"
	"time"

	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/neo4jstore"
)

// generated counts what the generated authority's records are in the
// database, and how many ids are stored more than once.
type generated struct{ people, households, edges, duplicates int64 }

func countGenerated(t *testing.T) generated {
	t.Helper()
	return generated{
		people:     count(t, "MATCH (n:Person) WHERE n.id STARTS WITH 'g-' RETURN count(n) AS n", nil),
		households: count(t, "MATCH (n:Household) WHERE n.id STARTS WITH 'g-' RETURN count(n) AS n", nil),
		edges:      count(t, "MATCH ()-[r]->() WHERE r.id STARTS WITH 'g-' RETURN count(r) AS n", nil),
		duplicates: count(t, `CALL { MATCH (n) WHERE n.id STARTS WITH 'g-' RETURN n.id AS id
UNION ALL MATCH ()-[r]->() WHERE r.id STARTS WITH 'g-' RETURN r.id AS id }
WITH id, count(*) AS c WHERE c > 1 RETURN count(id) AS n`, nil),
	}
}

func want(d *graph.Document) generated {
	return generated{people: int64(len(d.People)), households: int64(len(d.Households)),
		edges: int64(len(d.Residences) + len(d.Relationships) + len(d.Contacts) + len(d.Assignments))}
}

// importKilled imports d and kills Neo4j part-way, when killNow says so
// (it is polled every 50 ms), and returns with Neo4j started again. It
// returns false, having killed nothing, when the import finished first.
func importKilled(t *testing.T, s *neo4jstore.Store, d *graph.Document, killNow func(time.Duration) bool) bool {
	t.Helper()
	done := make(chan error, 1)
	t0 := time.Now()
	go func() {
		_, err := s.Import(context.Background(), d)
		done <- err
	}()
	for !killNow(time.Since(t0)) {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("import: %v", err)
			}
			return false
		case <-time.After(50 * time.Millisecond):
		}
	}
	killDB(t)
	err := <-done
	restartDB(t)
	if err == nil {
		t.Fatal("the import succeeded although Neo4j was killed during it")
	}
	t.Logf("killed %s into the import: %v", time.Since(t0).Round(time.Millisecond), err)
	return true
}

// TestKillDuringOneTransactionImport: an import written in one
// transaction is there whole or not at all after a kill.
func TestKillDuringOneTransactionImport(t *testing.T) {
	s := openStore(t, "bolt")
	deleteGenerated(t)
	d := fixtures.Generate(fixtures.GenConfig{Seed: 9, Children: 40})
	// Time a whole import, then kill another part-way through, earlier
	// each try until the kill lands first.
	t0 := time.Now()
	if _, err := s.Import(context.Background(), &d); err != nil {
		t.Fatalf("timing import: %v", err)
	}
	full := time.Since(t0)
	killed := false
	for _, frac := range []float64{0.4, 0.2, 0.1, 0.05} {
		deleteGenerated(t)
		at := time.Duration(float64(full) * frac)
		if killed = importKilled(t, s, &d, func(since time.Duration) bool { return since >= at }); killed {
			break
		}
	}
	if !killed {
		t.Fatalf("every import (%s) finished before its kill", full)
	}
	got, w := countGenerated(t), want(&d)
	if got != (generated{}) && got != w {
		t.Errorf("after a kill mid-import: %+v stored, want nothing or all of %+v", got, w)
	}
	t.Logf("after the kill: %+v (all: %+v)", got, w)
}

// TestKillDuringBatchedImport: a batched import killed part-way is
// completed by running it again, with no record twice.
func TestKillDuringBatchedImport(t *testing.T) {
	s := openStore(t, "bolt")
	s.SetBatching(100, 100)
	deleteGenerated(t)
	d := fixtures.Generate(fixtures.GenConfig{Seed: 9, Children: 40})
	// Kill as soon as the first batch is committed.
	if !importKilled(t, s, &d, func(time.Duration) bool {
		return count(t, "MATCH (n:Person) WHERE n.id STARTS WITH 'g-' RETURN count(n) AS n", nil) > 0
	}) {
		t.Fatal("the batched import finished before the kill")
	}
	partial := countGenerated(t)
	if partial == (generated{}) || partial == want(&d) {
		t.Errorf("after the kill: %+v stored, want part of %+v", partial, want(&d))
	}
	s = openStore(t, "bolt")
	s.SetBatching(100, 100)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if _, err := s.Import(ctx, &d); err != nil {
		t.Fatalf("re-run of the import after the kill: %v", err)
	}
	if got, w := countGenerated(t), want(&d); got != w {
		t.Errorf("after the re-run: %+v stored, want %+v", got, w)
	}
	t.Logf("after the kill %+v, after the re-run all %+v", partial, want(&d))
}
