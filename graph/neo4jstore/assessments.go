package neo4jstore

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/kinmap/kinmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Assessments are nodes about one child: (:Assessment)-[:ASSESSES]->(child).
// The per-connection views are one property of JSON text (Neo4j
// properties cannot hold maps), as a relationship's history is.

// KindAssessment is the record kind of an assessment for InScope.
const KindAssessment = "assessment"

// childNodeQueries are the constant queries for one kind of node about a
// child.
type childNodeQueries struct {
	noun   string
	kind   string // scope kind
	isNew  string // $id -> n
	create string // $child, $props
	get    string // $id -> x
	list   string // $child -> x, date order
	// people: which of $ids are stored people -> ids
	people string
}

var assessmentQ = childNodeQueries{noun: "assessment", kind: KindAssessment,
	isNew:  "OPTIONAL MATCH (a:Assessment {id: $id}) RETURN count(a) AS n",
	create: "MATCH (c:Person {id: $child}) CREATE (a:Assessment)-[:ASSESSES]->(c) SET a = $props",
	get:    "MATCH (a:Assessment {id: $id})-[:ASSESSES]->(c:Person) RETURN a{.*, child: c.id} AS x",
	list:   "MATCH (a:Assessment)-[:ASSESSES]->(c:Person {id: $child}) RETURN a{.*, child: c.id} AS x ORDER BY x.date, x.id",
	people: "UNWIND $ids AS id MATCH (p:Person {id: id}) RETURN collect(p.id) AS ids",
}

// scopeAssessment: an assessment is in scope when it is of one of the
// children (like an assignment).
const scopeAssessment = `MATCH (:Assessment {id: $id})-[:ASSESSES]->(c:Person)
WHERE c.id IN $children RETURN [c.id] AS own, [] AS near`

func init() { scopeQueries[KindAssessment] = scopeAssessment }

// CreateAssessment records an assessment of a stored child, in one
// transaction: the id must be new and the child and every assessed person
// stored, or nothing is written.
func (s *Store) CreateAssessment(ctx context.Context, a graph.Assessment) error {
	if err := a.Validate(); err != nil {
		return err
	}
	refs := []scopeRef{{"child", KindPerson, a.Child}}
	for i, c := range a.Connections {
		refs = append(refs, scopeRef{fmt.Sprintf("connections[%d].person", i), KindPerson, c.Person})
	}
	return s.createChildNode(ctx, assessmentQ, a.ID, a.Child, refs, assessmentProps(a))
}

// Assessment returns the assessment with id.
func (s *Store) Assessment(ctx context.Context, id graph.ID) (graph.Assessment, error) {
	r, err := s.getChildNode(ctx, assessmentQ, id)
	if err != nil {
		return graph.Assessment{}, err
	}
	return assessmentFrom(r), nil
}

// Assessments returns the assessments of child, oldest first (none: an
// empty list, whether or not the child exists).
func (s *Store) Assessments(ctx context.Context, child graph.ID) ([]graph.Assessment, error) {
	rows, err := s.listChildNodes(ctx, assessmentQ, child)
	if err != nil {
		return nil, err
	}
	out := make([]graph.Assessment, 0, len(rows))
	for _, r := range rows {
		out = append(out, assessmentFrom(r))
	}
	return out, nil
}

// createChildNode checks in the write's transaction that the id is new and
// that the people refs name exist, then creates the node under the scope
// rule: nothing is written on any error.
func (s *Store) createChildNode(ctx context.Context, q childNodeQueries, id, child graph.ID, refs []scopeRef, p props) error {
	_, err := s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		ids := make([]graph.ID, 0, len(refs))
		for _, r := range refs {
			ids = append(ids, r.id)
		}
		recs, err := collect(ctx, tx, q.people, map[string]any{"ids": ids})
		if err != nil {
			return nil, err
		}
		v, _ := recs[0].Get("ids")
		found := map[string]bool{}
		for _, x := range v.([]any) {
			found[x.(string)] = true
		}
		var probs graph.Problems
		for _, r := range refs {
			if !found[r.id] {
				probs = append(probs, graph.NotFound(r.field, fmt.Sprintf("names %q, which does not exist", r.id)))
			}
		}
		if err := probs.Err(); err != nil {
			return nil, err
		}
		recs, err = collect(ctx, tx, q.isNew, map[string]any{"id": id})
		if err != nil {
			return nil, err
		}
		if n, _ := recs[0].Get("n"); n.(int64) > 0 {
			return nil, graph.Conflict("id", "a "+q.noun+" with this id already exists")
		}
		return nil, guarded(ctx, tx, scopedWrite{kind: q.kind, record: id, refs: refs}, func() error {
			_, err := collect(ctx, tx, q.create, map[string]any{"child": child, "props": map[string]any(p)})
			return err
		})
	})
	return err
}

func (s *Store) getChildNode(ctx context.Context, q childNodeQueries, id graph.ID) (row, error) {
	out, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		recs, err := collect(ctx, tx, q.get, map[string]any{"id": id})
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, graph.NotFound("id", "no "+q.noun+" with this id")
		}
		v, _ := recs[0].Get("x")
		return asRow(v), nil
	})
	if err != nil {
		return nil, err
	}
	return out.(row), nil
}

func (s *Store) listChildNodes(ctx context.Context, q childNodeQueries, child graph.ID) ([]row, error) {
	out, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		recs, err := collect(ctx, tx, q.list, map[string]any{"child": child})
		if err != nil {
			return nil, err
		}
		rows := make([]row, 0, len(recs))
		for _, rec := range recs {
			v, _ := rec.Get("x")
			rows = append(rows, asRow(v))
		}
		return rows, nil
	})
	if err != nil {
		return nil, err
	}
	return out.([]row), nil
}

func (p props) strs(k string, v []string) {
	if len(v) == 0 {
		p[k] = nil
	} else {
		p[k] = slices.Clone(v)
	}
}

func (r row) strs(k string) []string {
	list, _ := r[k].([]any)
	if len(list) == 0 {
		return nil
	}
	out := make([]string, 0, len(list))
	for _, x := range list {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}

// jsonText is v as one property of JSON text; "" when empty is true.
func jsonText(v any, empty bool) string {
	if empty {
		return ""
	}
	b, _ := json.Marshal(v) // plain values and dates: cannot fail
	return string(b)
}

func assessmentProps(a graph.Assessment) props {
	m := props{"id": a.ID}
	m.date("date", a.Date)
	m.str("stage", string(a.Stage))
	m.str("worker", a.Worker)
	m.strs("contributors", a.Contributors)
	m.str("connections", jsonText(a.Connections, len(a.Connections) == 0))
	m.str("notes", a.Notes)
	return m
}

// assessmentFrom reads an assessment row. Stored connections that do not
// decode (kinmap writes them, so never in practice) read as none.
func assessmentFrom(r row) graph.Assessment {
	a := graph.Assessment{ID: r.str("id"), Child: r.str("child"), Date: r.date("date"),
		Stage: graph.AssessmentStage(r.str("stage")), Worker: r.str("worker"),
		Contributors: r.strs("contributors"), Notes: r.str("notes")}
	if text := r.str("connections"); text != "" {
		_ = json.Unmarshal([]byte(text), &a.Connections)
	}
	return a
}

const (
	allAssessments = "MATCH (a:Assessment)-[:ASSESSES]->(c:Person) WHERE $asOf IS NULL OR a.date <= $asOf RETURN a{.*, child: c.id} AS x ORDER BY x.id"
	// mergeAssessments: an assessment already stored of another child is
	// refused before (assessmentsElsewhere).
	mergeAssessments = `UNWIND $rows AS row
MATCH (c:Person {id: row.child})
MERGE (a:Assessment {id: row.props.id}) SET a = row.props
MERGE (a)-[:ASSESSES]->(c)`
	assessmentsElsewhere = `UNWIND $rows AS row
MATCH (:Assessment {id: row.id})-[:ASSESSES]->(c:Person)
WITH row, c WHERE c.id <> row.to
RETURN row.i AS i ORDER BY i`
)

// assessmentRows are the import rows of d's assessments.
func assessmentRows(d *graph.Document) []any {
	var rows []any
	for _, a := range d.Assessments {
		rows = append(rows, map[string]any{"child": a.Child, "props": map[string]any(assessmentProps(a))})
	}
	return rows
}
