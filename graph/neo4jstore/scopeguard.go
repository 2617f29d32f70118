package neo4jstore

import (
	"context"
	"slices"
	"strings"

	"github.com/kinmap/kinmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The scope rule, kept inside each write's transaction: no write by a
// user brings into that user's scope a record that was outside it, other
// than the records the write itself creates (graph.WriteScope). A write
// whose context carries the writer's scope works out that scope before
// and after the change, in the same transaction, for today and for all
// time (a relationship dated next year widens nothing either), and is
// rolled back when the scope gained anything but the write's own records
// and the ones it links that were attached to nothing. What it creates
// must then lie in the writer's scope (what a user may create, they may
// read), or it is rolled back too.
const (
	// scopeSet: the people and households of the networks of $children
	// as of $asOf, as Network builds them (seedConnections, networkRest).
	scopeSet = `
UNWIND $children AS cid
MATCH (c:Person {id: cid})
OPTIONAL MATCH (c)-[rs:CONNECTED*1..2]-(x:Person)
WHERE all(r IN rs WHERE r.since IS NULL OR r.since <= $asOf)
WITH c, collect(DISTINCT x) AS xs
OPTIONAL MATCH (c)<-[p1:CONNECTED {kind: 'parent'}]-(:Person)-[p2:CONNECTED {kind: 'partner'}]-(:Person)-[p3:CONNECTED {kind: 'parent'}]->(st:Person)
WHERE all(r IN [p1, p2, p3] WHERE r.since IS NULL OR r.since <= $asOf)
WITH c, xs, collect(DISTINCT st) AS steps
UNWIND xs + steps + [c] AS p
WITH DISTINCT p
OPTIONAL MATCH (p)-[l:LIVES_IN]->(h:Household) WHERE l.from <= $asOf
RETURN collect(DISTINCT p.id) AS people, collect(DISTINCT h.id) AS households`

	// nearEnd: whether any of $ids is person $id, one of its neighbours
	// or one of their homes: the end of a link through which they came.
	nearEnd = `
MATCH (a:Person {id: $id})
OPTIONAL MATCH (a)-[:CONNECTED]-(x:Person)
WITH a, collect(x) + [a] AS ppl
UNWIND ppl AS p
OPTIONAL MATCH (p)-[:LIVES_IN]->(h:Household)
WITH collect(p.id) + collect(h.id) AS near
RETURN any(k IN near WHERE k IN $ids) AS near`
)

// scopeEver is the day that stands for "for all time" (the last day a
// date may name).
var scopeEver = graph.MustDate("2200-12-31")

// scopeRef is an existing record a write links: the body's field, its
// kind (KindPerson, KindHousehold) and id.
type scopeRef struct {
	field, kind string
	id          graph.ID
}

// scopedWrite is a write the scope rule checks: the records it links and
// the record it creates (kind and id; "" when it creates none).
type scopedWrite struct {
	refs         []scopeRef
	kind, record string
}

// guarded runs write in tx under the scope rule of the writer ctx
// carries; without one (the command line, an import, an admin) it just
// runs write.
func guarded(ctx context.Context, tx neo4j.ManagedTransaction, w scopedWrite, write func() error) error {
	ws, ok := graph.WriteScopeFrom(ctx)
	if !ok {
		return write()
	}
	if ws.Today.IsZero() { // the API always says; London's today otherwise
		ws.Today = graph.Today()
	}
	// Records attached to nothing are in every worker's and manager's
	// scope: linking one widens nothing.
	free := map[string]bool{}
	for _, r := range w.refs {
		q := unattachedPerson
		if r.kind == KindHousehold {
			q = unattachedHousehold
		}
		recs, err := collect(ctx, tx, q, map[string]any{"id": r.id})
		if err != nil {
			return err
		}
		if len(recs) > 0 {
			free[r.kind+" "+r.id] = true
		}
	}
	days := []graph.Date{ws.Today, scopeEver}
	before := make([]map[string]bool, len(days))
	for i, day := range days {
		set, err := scopeSetTx(ctx, tx, ws.Children, day)
		if err != nil {
			return err
		}
		before[i] = set
	}
	if err := write(); err != nil {
		return err
	}
	var gained []string // "kind id"
	for i, day := range days {
		after, err := scopeSetTx(ctx, tx, ws.Children, day)
		if err != nil {
			return err
		}
		for k := range after {
			if !before[i][k] && !free[k] && !slices.Contains(gained, k) {
				gained = append(gained, k)
			}
		}
	}
	if len(gained) > 0 {
		ids := make([]graph.ID, len(gained))
		for i, k := range gained {
			_, ids[i], _ = strings.Cut(k, " ")
		}
		return graph.RefuseScope(blame(ctx, tx, w.refs, ids))
	}
	if w.record == "" {
		return nil
	}
	recs, err := collect(ctx, tx, scopeQueries[w.kind], map[string]any{"children": ws.Children, "id": w.record, "asOf": neo4j.DateOf(scopeEver.Time())})
	if err != nil {
		return err
	}
	if len(recs) == 0 {
		return &graph.ScopeRefusal{Err: graph.NotFound(w.refs[len(w.refs)-1].field,
			"would make a "+w.kind+" outside your caseload's networks, which you could not read; "+
				"the other child's worker or a manager of their team can record it")}
	}
	return nil
}

// scopeSetTx returns the people and households in the networks of
// children as of day, as "person ID" and "household ID".
func scopeSetTx(ctx context.Context, tx neo4j.ManagedTransaction, children []graph.ID, day graph.Date) (map[string]bool, error) {
	set := map[string]bool{}
	if len(children) == 0 {
		return set, nil
	}
	recs, err := collect(ctx, tx, scopeSet, map[string]any{"children": children, "asOf": neo4j.DateOf(day.Time())})
	if err != nil || len(recs) == 0 {
		return set, err
	}
	for col, kind := range map[string]string{"people": KindPerson, "households": KindHousehold} {
		list, _ := recs[0].Get(col)
		for _, id := range list.([]any) {
			set[kind+" "+id.(string)] = true
		}
	}
	return set, nil
}

// blame names the field of the write through which the gained records
// came: the last person linked next to one of them, else the last field.
func blame(ctx context.Context, tx neo4j.ManagedTransaction, refs []scopeRef, gained []graph.ID) string {
	for i := len(refs) - 1; i >= 0; i-- {
		if refs[i].kind != KindPerson {
			continue
		}
		recs, err := collect(ctx, tx, nearEnd, map[string]any{"id": refs[i].id, "ids": gained})
		if err == nil && len(recs) > 0 {
			if near, _ := recs[0].Get("near"); near == true {
				return refs[i].field
			}
		}
	}
	return refs[len(refs)-1].field
}
