package neo4jstore_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/neo4jstore"
)

// scopeOfWorker is a worker's scope as the reads see it, worked out
// without the store's guard: the people and households of the networks of
// the caseload, as of each of the days.
func scopeOfWorker(t *testing.T, s *neo4jstore.Store, ctx context.Context, children []graph.ID, days ...graph.Date) map[string]bool {
	t.Helper()
	in := map[string]bool{}
	for _, day := range days {
		for _, c := range children {
			n, err := s.Network(ctx, c, day)
			if err != nil {
				t.Fatalf("Network(%s): %v", c, err)
			}
			for _, p := range n.People {
				in["person "+p.ID] = true
			}
			for _, h := range n.Households {
				in["household "+h.ID] = true
			}
		}
	}
	return in
}

// TestWritesNeverWidenScope is the scope rule as a property: random
// sequences of writes by a worker (people, households, relationships,
// residences, contacts, moves; between people in scope, out of it and
// just created, dated today or later) over a generated authority. After
// each, the worker's scope (today and for all time) holds nothing new but
// the records the worker created or that were attached to nothing; a
// refused write changes nothing; and what was created can be read.
func TestWritesNeverWidenScope(t *testing.T) {
	s, ctx := fresh(t)
	today := fixtures.DefaultAsOf
	doc := fixtures.Generate(fixtures.GenConfig{Seed: 11, Children: 60, AsOf: today})
	mustImport(t, s, ctx, &doc)
	held := map[string]int{}
	for _, a := range doc.Assignments {
		if a.Until.IsZero() {
			held[a.Worker]++
		}
	}
	workers := slices.Sorted(maps.Keys(held))
	ever := graph.MustDate("2200-12-31")
	var refused, done int
	for round, worker := range workers[:min(3, len(workers))] {
		children, err := s.Caseload(ctx, worker, today)
		if err != nil || len(children) == 0 {
			t.Fatalf("Caseload(%s): %v %v", worker, children, err)
		}
		wctx := graph.WithWriteScope(ctx, graph.WriteScope{Children: children, Today: today})
		r := rand.New(rand.NewPCG(uint64(round), 99))
		created := map[string]bool{}
		pick := func(kind string) graph.ID {
			scope := scopeOfWorker(t, s, ctx, children, today)
			var mine, all []graph.ID
			for k := range scope {
				if id, ok := cutKind(k, kind); ok {
					mine = append(mine, id)
				}
			}
			for k := range created {
				if id, ok := cutKind(k, kind); ok {
					mine = append(mine, id)
				}
			}
			slices.Sort(mine)
			if kind == "person" {
				for _, p := range doc.People {
					all = append(all, p.ID)
				}
			} else {
				for _, h := range doc.Households {
					all = append(all, h.ID)
				}
			}
			if len(mine) == 0 || r.IntN(5) == 0 {
				return all[r.IntN(len(all))]
			}
			return mine[r.IntN(len(mine))]
		}
		for step := range 40 {
			id := fmt.Sprintf("sg-%d-%d", round, step)
			before := scopeOfWorker(t, s, ctx, children, today, ever)
			var refs []string // "kind id" of the existing records the write links
			var made []string // "kind id" of the records it creates
			var readBack func() (bool, error)
			var err error
			on := today.AddDays(r.IntN(3) * 30)
			switch op := r.IntN(7); op {
			case 0:
				made = []string{"person " + id}
				err = s.CreatePerson(wctx, graph.Person{ID: id, FullName: "Sam Scopeguard", AgeBand: graph.AgeAdult})
			case 1:
				made = []string{"household " + id}
				err = s.CreateHousehold(wctx, graph.Household{ID: id, Kind: graph.HouseholdKinship})
			case 2, 3:
				a, b := pick("person"), pick("person")
				refs = []string{"person " + a, "person " + b}
				err = s.CreateRelationship(wctx, graph.Relationship{ID: id, From: a, To: b, Kind: graph.RelFriend, Since: on})
				readBack = func() (bool, error) { return s.InScope(ctx, children, id, neo4jstore.KindRelationship, ever) }
			case 4:
				a, b := pick("person"), pick("person")
				refs = []string{"person " + a, "person " + b}
				err = s.CreateContact(wctx, graph.Contact{ID: id, From: a, To: b, Date: on, Kind: graph.ContactCall})
				readBack = func() (bool, error) { return s.InScope(ctx, children, id, neo4jstore.KindContact, ever) }
			case 5:
				p, h := pick("person"), pick("household")
				refs = []string{"person " + p, "household " + h}
				err = s.CreateResidence(wctx, graph.Residence{ID: id, Person: p, Household: h, From: on})
				readBack = func() (bool, error) { return s.InScope(ctx, children, id, neo4jstore.KindResidence, ever) }
			case 6:
				p, h := pick("person"), pick("household")
				refs = []string{"person " + p, "household " + h}
				_, err = s.Move(wctx, graph.Residence{ID: id, Person: p, Household: h, From: today.AddDays(400 + step)})
				readBack = func() (bool, error) { return s.InScope(ctx, children, id, neo4jstore.KindResidence, ever) }
			}
			allowed := maps.Clone(before)
			for _, k := range refs {
				if created[k] {
					allowed[k] = true
				}
			}
			after := scopeOfWorker(t, s, ctx, children, today, ever)
			var refusal *graph.ScopeRefusal
			switch {
			case errors.As(err, &refusal):
				refused++
				if !errors.Is(err, graph.ErrNotFound) || refusal.Err.Field == "" {
					t.Errorf("%s step %d: refusal %v is not a not-found error naming a field", worker, step, err)
				}
				if !maps.Equal(after, before) {
					t.Errorf("%s step %d: a refused write changed the scope", worker, step)
				}
				continue
			case err != nil:
				if !maps.Equal(after, before) {
					t.Errorf("%s step %d: a failed write (%v) changed the scope", worker, step, err)
				}
				continue
			}
			done++
			for _, k := range made {
				created[k] = true
			}
			for k := range after {
				if !allowed[k] && !created[k] {
					t.Errorf("%s step %d (refs %v): the write brought %s into the worker's scope", worker, step, refs, k)
				}
			}
			if readBack != nil {
				if ok, err := readBack(); err != nil || !ok {
					t.Errorf("%s step %d (refs %v): the worker cannot read back what they created (%v)", worker, step, refs, err)
				}
			}
		}
	}
	t.Logf("%d writes made, %d refused by the scope rule", done, refused)
	if refused == 0 || done < 20 {
		t.Errorf("the sequences did not exercise the rule: %d writes made, %d refused", done, refused)
	}
}

func cutKind(key, kind string) (graph.ID, bool) {
	if len(key) > len(kind)+1 && key[:len(kind)+1] == kind+" " {
		return key[len(kind)+1:], true
	}
	return "", false
}
