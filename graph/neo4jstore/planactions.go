package neo4jstore

import (
	"context"

	"github.com/kinmap/kinmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Plan actions are nodes about one child: (:PlanAction)-[:PLANS_FOR]->(child).
// The connection the action keeps is a property (person): it names a
// person without linking the node into anyone's network.

// KindPlanAction is the record kind of a plan action for InScope.
const KindPlanAction = "plan_action"

var planActionQ = childNodeQueries{noun: "plan action", kind: KindPlanAction,
	isNew:  "OPTIONAL MATCH (a:PlanAction {id: $id}) RETURN count(a) AS n",
	create: "MATCH (c:Person {id: $child}) CREATE (a:PlanAction)-[:PLANS_FOR]->(c) SET a = $props",
	get:    "MATCH (a:PlanAction {id: $id})-[:PLANS_FOR]->(c:Person) RETURN a{.*, child: c.id} AS x",
	list:   "MATCH (a:PlanAction)-[:PLANS_FOR]->(c:Person {id: $child}) RETURN a{.*, child: c.id} AS x ORDER BY x.due, x.id",
	people: "UNWIND $ids AS id MATCH (p:Person {id: id}) RETURN collect(p.id) AS ids",
}

const (
	scopePlanAction = `MATCH (:PlanAction {id: $id})-[:PLANS_FOR]->(c:Person)
WHERE c.id IN $children RETURN [c.id] AS own, [] AS near`
	updatePlanAction = "MATCH (a:PlanAction {id: $id}) SET a = $props"

	allPlanActions = "MATCH (a:PlanAction)-[:PLANS_FOR]->(c:Person) WHERE $asOf IS NULL OR a.made <= $asOf RETURN a{.*, child: c.id} AS x ORDER BY x.id"
	// mergePlanActions: an action already stored for another child is
	// refused before (planActionsElsewhere).
	mergePlanActions = `UNWIND $rows AS row
MATCH (c:Person {id: row.child})
MERGE (a:PlanAction {id: row.props.id}) SET a = row.props
MERGE (a)-[:PLANS_FOR]->(c)`
	planActionsElsewhere = `UNWIND $rows AS row
MATCH (:PlanAction {id: row.id})-[:PLANS_FOR]->(c:Person)
WITH row, c WHERE c.id <> row.to
RETURN row.i AS i ORDER BY i`
)

func init() { scopeQueries[KindPlanAction] = scopePlanAction }

// CreatePlanAction records a plan action of a stored child (and person),
// in one transaction, or nothing.
func (s *Store) CreatePlanAction(ctx context.Context, a graph.PlanAction) error {
	if err := a.Validate(); err != nil {
		return err
	}
	refs := []scopeRef{{"child", KindPerson, a.Child}}
	if a.Person != "" {
		refs = append(refs, scopeRef{"person", KindPerson, a.Person})
	}
	return s.createChildNode(ctx, planActionQ, a.ID, a.Child, refs, planActionProps(a))
}

// PlanAction returns the plan action with id.
func (s *Store) PlanAction(ctx context.Context, id graph.ID) (graph.PlanAction, error) {
	r, err := s.getChildNode(ctx, planActionQ, id)
	if err != nil {
		return graph.PlanAction{}, err
	}
	return planActionFrom(r), nil
}

// PlanActions returns the plan actions of child, by due date.
func (s *Store) PlanActions(ctx context.Context, child graph.ID) ([]graph.PlanAction, error) {
	rows, err := s.listChildNodes(ctx, planActionQ, child)
	if err != nil {
		return nil, err
	}
	out := make([]graph.PlanAction, 0, len(rows))
	for _, r := range rows {
		out = append(out, planActionFrom(r))
	}
	return out, nil
}

// SetPlanActionStatus changes where an action stands (status, the reason
// when not done, the day it changed: zero means today), in one
// transaction: the stored action with the new status must be valid, or
// nothing is written. It returns the action as stored.
func (s *Store) SetPlanActionStatus(ctx context.Context, id graph.ID, status graph.ActionStatus, reason string, changed graph.Date) (graph.PlanAction, error) {
	if changed.IsZero() {
		changed = graph.Today()
	}
	out, err := s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		recs, err := collect(ctx, tx, planActionQ.get, map[string]any{"id": id})
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, graph.NotFound("id", "no plan action with this id")
		}
		v, _ := recs[0].Get("x")
		a := planActionFrom(asRow(v))
		a.Status, a.Reason, a.StatusChanged = status, reason, changed
		if err := a.Validate(); err != nil {
			return nil, err
		}
		refs := []scopeRef{{"child", KindPerson, a.Child}}
		err = guarded(ctx, tx, scopedWrite{refs: refs}, func() error {
			_, err := collect(ctx, tx, updatePlanAction, map[string]any{"id": id, "props": map[string]any(planActionProps(a))})
			return err
		})
		return a, err
	})
	if err != nil {
		return graph.PlanAction{}, err
	}
	return out.(graph.PlanAction), nil
}

func planActionProps(a graph.PlanAction) props {
	m := props{"id": a.ID}
	m.str("person", a.Person)
	m.str("what", a.What)
	m.str("owner", string(a.Owner))
	m.str("owner_name", a.OwnerName)
	m.date("made", a.Made)
	m.date("due", a.Due)
	m.str("status", string(a.Status))
	m.str("reason", a.Reason)
	m.date("status_changed", a.StatusChanged)
	m.str("child_words", a.ChildWords)
	return m
}

func planActionFrom(r row) graph.PlanAction {
	return graph.PlanAction{ID: r.str("id"), Child: r.str("child"), Person: r.str("person"), What: r.str("what"),
		Owner: graph.ActionOwner(r.str("owner")), OwnerName: r.str("owner_name"), Made: r.date("made"), Due: r.date("due"),
		Status: graph.ActionStatus(r.str("status")), Reason: r.str("reason"), StatusChanged: r.date("status_changed"),
		ChildWords: r.str("child_words")}
}

// planActionRows are the import rows of d's plan actions.
func planActionRows(d *graph.Document) []any {
	var rows []any
	for _, a := range d.PlanActions {
		rows = append(rows, map[string]any{"child": a.Child, "props": map[string]any(planActionProps(a))})
	}
	return rows
}
