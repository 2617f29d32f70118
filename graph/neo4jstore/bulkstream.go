package neo4jstore

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/kinmap/kinmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// ImportProgress is told how far a streamed import has got: in phase
// "checking" done and total count bytes of the document read, in phase
// "importing" records written or found unchanged. It is called from the
// importing goroutine, at most once per batch.
type ImportProgress = func(phase string, done, total int64)

// Phases of ImportStream, as ImportProgress names them.
const (
	PhaseChecking  = "checking"
	PhaseImporting = "importing"
)

// The compare queries take rows {i, row} (row as the MERGE takes it) and
// return, among them, the positions i of the records that are new or
// differ from what is stored (changed) and, for edges, of those whose id
// is stored between other ends (elsewhere: a conflict). The check runs them
// on every list that already holds records, so the write pass reads
// nothing: an unchanged document is read once and nothing is written. A
// row holds no null values (see compact), so properties() compares with it
// key for key. The index hints keep the planner from scanning every record
// of the type for each row when its statistics still describe the empty
// store of before an import.
const (
	peopleCompare = `UNWIND $rows AS x
OPTIONAL MATCH (n:Person {id: x.row.id}) USING INDEX n:Person(id)
WITH x, n WHERE n IS NULL OR properties(n) <> x.row RETURN collect(x.i) AS changed`
	householdsCompare = `UNWIND $rows AS x
OPTIONAL MATCH (n:Household {id: x.row.id}) USING INDEX n:Household(id)
WITH x, n WHERE n IS NULL OR properties(n) <> x.row RETURN collect(x.i) AS changed`
	residencesCompare    = edgeCompareHead + `LIVES_IN {id: x.row.props.id}]->() USING INDEX r:LIVES_IN(id)` + edgeCompareTail
	relationshipsCompare = edgeCompareHead + `CONNECTED {id: x.row.props.id}]->() USING INDEX r:CONNECTED(id)` + edgeCompareTail
	contactsCompare      = edgeCompareHead + `CONTACT {id: x.row.props.id}]->() USING INDEX r:CONTACT(id)` + edgeCompareTail
	assignmentsCompare   = edgeCompareHead + `HOLDS {id: x.row.props.id}]->() USING INDEX r:HOLDS(id)` + edgeCompareTail

	edgeCompareHead = "UNWIND $rows AS x\nOPTIONAL MATCH ()-[r:"
	edgeCompareTail = `
WITH x, r, r IS NOT NULL AND (startNode(r).id <> x.row.from OR endNode(r).id <> x.row.to) AS moved
WHERE r IS NULL OR moved OR properties(r) <> x.row.props
RETURN collect(CASE WHEN NOT moved THEN x.i END) AS changed, collect(CASE WHEN moved THEN x.i END) AS elsewhere`

	// The create statements write a list of which nothing was stored
	// when the import began: the document's ids are unique (checked), so
	// there is nothing to merge with, and CREATE skips MERGE's look-up
	// of the edges between the two ends. An import cut short and run again
	// finds its records stored and merges.
	createPeople        = "UNWIND $rows AS row CREATE (n:Person) SET n = row"
	createHouseholds    = "UNWIND $rows AS row CREATE (n:Household) SET n = row"
	createResidences    = "UNWIND $rows AS row MATCH (a:Person {id: row.from}), (b:Household {id: row.to}) CREATE (a)-[r:LIVES_IN]->(b) SET r = row.props"
	createRelationships = "UNWIND $rows AS row MATCH (a:Person {id: row.from}), (b:Person {id: row.to}) CREATE (a)-[r:CONNECTED]->(b) SET r = row.props"
	createContacts      = "UNWIND $rows AS row MATCH (a:Person {id: row.from}), (b:Person {id: row.to}) CREATE (a)-[r:CONTACT]->(b) SET r = row.props"
	createAssignments   = "UNWIND $rows AS row MATCH (b:Person {id: row.to}) MERGE (a:Worker {id: row.from}) CREATE (a)-[r:HOLDS]->(b) SET r = row.props"

	// The stored counts come from Neo4j's count store: a list with
	// nothing stored yet needs no compare query.
	countPeople        = "MATCH (n:Person) RETURN count(n) AS n"
	countHouseholds    = "MATCH (n:Household) RETURN count(n) AS n"
	countResidences    = "MATCH ()-[r:LIVES_IN]->() RETURN count(r) AS n"
	countRelationships = "MATCH ()-[r:CONNECTED]->() RETURN count(r) AS n"
	countContacts      = "MATCH ()-[r:CONTACT]->() RETURN count(r) AS n"
	countAssignments   = "MATCH ()-[r:HOLDS]->() RETURN count(r) AS n"

	// Assessments and plan actions are nodes about a child, written after
	// the people (as edges are); "elsewhere" is one stored about another
	// child.
	assessmentsCompare = `UNWIND $rows AS x
OPTIONAL MATCH (a:Assessment {id: x.row.props.id}) USING INDEX a:Assessment(id)
OPTIONAL MATCH (a)-[:ASSESSES]->(c:Person)
WITH x, a, a IS NOT NULL AND c.id <> x.row.child AS moved
WHERE a IS NULL OR moved OR properties(a) <> x.row.props
RETURN collect(CASE WHEN NOT moved THEN x.i END) AS changed, collect(CASE WHEN moved THEN x.i END) AS elsewhere`
	planActionsCompare = `UNWIND $rows AS x
OPTIONAL MATCH (a:PlanAction {id: x.row.props.id}) USING INDEX a:PlanAction(id)
OPTIONAL MATCH (a)-[:PLANS_FOR]->(c:Person)
WITH x, a, a IS NOT NULL AND c.id <> x.row.child AS moved
WHERE a IS NULL OR moved OR properties(a) <> x.row.props
RETURN collect(CASE WHEN NOT moved THEN x.i END) AS changed, collect(CASE WHEN moved THEN x.i END) AS elsewhere`
	createAssessments = "UNWIND $rows AS row MATCH (c:Person {id: row.child}) CREATE (a:Assessment) SET a = row.props CREATE (a)-[:ASSESSES]->(c)"
	createPlanActions = "UNWIND $rows AS row MATCH (c:Person {id: row.child}) CREATE (a:PlanAction) SET a = row.props CREATE (a)-[:PLANS_FOR]->(c)"
	countAssessments  = "MATCH (n:Assessment) RETURN count(n) AS n"
	countPlanActions  = "MATCH (n:PlanAction) RETURN count(n) AS n"
)

// streamList is how one record list is checked and written.
type streamList struct {
	merge, create, compare, count, what string
	row                                 func(rec any) any // the MERGE row
	node                                bool
}

var streamLists = map[string]streamList{
	"people": {merge: mergePeople, create: createPeople, compare: peopleCompare, count: countPeople, node: true,
		row: func(r any) any { return compact(personProps(r.(graph.Person))) }},
	"households": {merge: mergeHouseholds, create: createHouseholds, compare: householdsCompare, count: countHouseholds, node: true,
		row: func(r any) any { return compact(householdProps(r.(graph.Household))) }},
	"residences": {merge: mergeResidences, create: createResidences, compare: residencesCompare, count: countResidences,
		what: "person and household",
		row: func(r any) any {
			x := r.(graph.Residence)
			return edgeRow(x.Person, x.Household, residenceProps(x))
		}},
	"relationships": {merge: mergeRelationships, create: createRelationships, compare: relationshipsCompare, count: countRelationships,
		what: "people",
		row: func(r any) any {
			x := r.(graph.Relationship)
			return edgeRow(x.From, x.To, relationshipProps(x))
		}},
	"contacts": {merge: mergeContacts, create: createContacts, compare: contactsCompare, count: countContacts,
		what: "people",
		row: func(r any) any {
			x := r.(graph.Contact)
			return edgeRow(x.From, x.To, contactProps(x))
		}},
	"assignments": {merge: mergeAssignments, create: createAssignments, compare: assignmentsCompare, count: countAssignments,
		what: "worker and child",
		row: func(r any) any {
			x := r.(graph.Assignment)
			return edgeRow(x.Worker, x.Child, assignmentProps(x))
		}},
	"assessments": {merge: mergeAssessments, create: createAssessments, compare: assessmentsCompare, count: countAssessments,
		what: "child",
		row: func(r any) any {
			x := r.(graph.Assessment)
			return map[string]any{"child": x.Child, "props": compact(assessmentProps(x))}
		}},
	"plan_actions": {merge: mergePlanActions, create: createPlanActions, compare: planActionsCompare, count: countPlanActions,
		what: "child",
		row: func(r any) any {
			x := r.(graph.PlanAction)
			return map[string]any{"child": x.Child, "props": compact(planActionProps(x))}
		}},
}

// compact drops the properties a record does not have: SET n = row
// removes a property a row lacks as it does one a row gives as null, and
// without nulls properties() compares equal to an unchanged row.
func compact(p props) map[string]any {
	for k, v := range p {
		if v == nil {
			delete(p, k)
		}
	}
	return p
}

func edgeRow(from, to graph.ID, p props) any {
	return map[string]any{"from": from, "to": to, "props": compact(p)}
}

// Opener opens the document to import afresh: ImportStream reads it twice
// (once to check it, once to write it; once only when nothing is new or
// changed).
type Opener = func() (io.ReadCloser, error)

// ImportStream imports the document open gives without holding it in
// memory: a first pass decodes it record by record (graph.ScanDocument)
// and validates it as Import does (records, duplicate ids, references to
// records in the document or stored, stored edge ids reused for other
// ends; the batches of lists the store holds records of already are
// compared with them meanwhile, two at a time while the reading goes on:
// comparer); nothing is written unless it is valid. A second pass, only
// when something is new or changed, writes it:
// a document of up to SingleTxLimit records in one transaction, a larger
// one in batches of BatchSize records, one transaction each, nodes before
// edges, and only the records that are new or differ from what is stored
// (so re-importing an unchanged document writes nothing, and an import
// cut short, by a lost connection or a cancelled context, completes when
// run again: records merge by id, never twice). size is the document's
// length in bytes for progress (0 if unknown); progress may be nil.
func (s *Store) ImportStream(ctx context.Context, open Opener, size int64, progress ImportProgress) (graph.ImportSummary, error) {
	if progress == nil {
		progress = func(string, int64, int64) {}
	}
	stored, err := s.storedCounts(ctx)
	if err != nil {
		return graph.ImportSummary{}, err
	}
	counts, changed, nodesFirst, err := s.checkStream(ctx, open, size, stored, progress)
	if err != nil {
		return graph.ImportSummary{}, err
	}
	sum := graph.ImportSummary{Counts: counts}
	total := 0
	for _, n := range counts {
		total += n
	}
	// wanted: the record is to be written (its list was empty, or it is
	// new or changed).
	wanted := func(list string, i int) bool { return stored[list] == 0 || changed[list].has(i) }
	cypher := func(list string) string {
		if stored[list] == 0 {
			return streamLists[list].create
		}
		return streamLists[list].merge
	}
	if !anyWanted(counts, stored, changed) {
		// Nothing new or changed (an unchanged document imported again):
		// no second pass over the file.
		progress(PhaseImporting, int64(total), int64(total))
		return sum, nil
	}
	if total <= s.singleTxLimit {
		// One transaction, of the new or changed records only.
		rows := map[string][]any{}
		if err := scanFile(open, func(list string, i int, rec any) error {
			if wanted(list, i) {
				rows[list] = append(rows[list], streamLists[list].row(rec))
			}
			return nil
		}); err != nil {
			return sum, err
		}
		var steps []step
		for _, l := range graph.Lists {
			if len(rows[l]) > 0 {
				steps = append(steps, step{cypher(l), rows[l]})
			}
		}
		if len(steps) > 0 {
			if err := s.writeAll(ctx, steps); err != nil {
				return sum, err
			}
			sum.Transactions = 1
		}
		progress(PhaseImporting, int64(total), int64(total))
		return sum, nil
	}
	w := &streamWriter{s: s, cypher: cypher, sum: &sum, total: total, progress: progress}
	for _, l := range graph.Lists {
		w.batches += (counts[l] + s.batchSize - 1) / s.batchSize
	}
	passes := []func(string) bool{func(string) bool { return true }}
	if !nodesFirst {
		passes = []func(string) bool{
			func(l string) bool { return streamLists[l].node },
			func(l string) bool { return !streamLists[l].node }}
	}
	for _, include := range passes {
		err := scanFile(open, func(list string, i int, rec any) error {
			if !include(list) {
				return nil
			}
			return w.add(ctx, list, rec, wanted(list, i))
		})
		if err == nil {
			err = w.flush(ctx)
		}
		if err != nil {
			return sum, err
		}
	}
	return sum, nil
}

// anyWanted reports whether an import has anything to write: a record in
// a list the store holds none of yet, or one new or changed.
func anyWanted(counts map[string]int, stored map[string]int64, changed map[string]*bitset) bool {
	for list, n := range counts {
		if n > 0 && (stored[list] == 0 || changed[list].any()) {
			return true
		}
	}
	return false
}

// bitset is a set of record positions in a list.
type bitset []uint64

func (b *bitset) set(i int) {
	for len(*b) <= i/64 {
		*b = append(*b, 0)
	}
	(*b)[i/64] |= 1 << (i % 64)
}

func (b *bitset) has(i int) bool {
	return b != nil && i/64 < len(*b) && (*b)[i/64]&(1<<(i%64)) != 0
}

// checkStream is ImportStream's first pass; it returns the document's
// record counts, the records that are new or changed in the lists that
// hold records already, and whether every node list comes before every
// edge list.
func (s *Store) checkStream(ctx context.Context, open Opener, size int64, stored map[string]int64, progress ImportProgress) (map[string]int, map[string]*bitset, bool, error) {
	v := graph.NewDocumentValidator()
	cmp := newComparer(ctx, s)
	pending := map[string][]any{}
	compare := func(list string) error {
		if rows := pending[list]; len(rows) > 0 {
			cmp.start(list, rows)
			pending[list] = nil // the comparer owns rows now
		}
		return cmp.failed()
	}
	var order []string
	f, err := open()
	if err != nil {
		return nil, nil, false, err
	}
	defer f.Close()
	cr := &countingReader{r: f}
	format, err := graph.ScanDocument(cr, func(list string, i int, rec any) error {
		if err := cmp.failed(); err != nil {
			return err
		}
		if len(order) == 0 || order[len(order)-1] != list {
			order = append(order, list)
			progress(PhaseChecking, cr.n, size)
		}
		v.Add(list, i, rec)
		if stored[list] > 0 {
			pending[list] = append(pending[list], map[string]any{"i": i, "row": streamLists[list].row(rec)})
			if len(pending[list]) >= s.batchSize {
				if err := compare(list); err != nil {
					return err
				}
			}
		}
		if i%s.batchSize == 0 {
			progress(PhaseChecking, cr.n, size)
		}
		return nil
	})
	if err != nil {
		return nil, nil, false, err
	}
	progress(PhaseChecking, cr.n, max(size, cr.n))
	for list := range pending {
		compare(list)
	}
	changed, moved, err := cmp.wait()
	if err != nil {
		return nil, nil, false, err
	}
	for _, m := range moved {
		v.Conflict(graph.Conflict(fmt.Sprintf("%s[%d].id", m.list, m.i),
			"is already stored between another "+streamLists[m.list].what+": end that record and give this one a new id"))
	}
	v.Format(format)
	people, households := v.Unresolved()
	known, err := s.knownIDs(ctx, people, households)
	if err != nil {
		return nil, nil, false, err
	}
	if err := v.Err(func(kind string, id graph.ID) bool { return known[kind][id] }); err != nil {
		return nil, nil, false, err
	}
	nodesFirst := true
	seenEdge := false
	for _, l := range order {
		if !streamLists[l].node {
			seenEdge = true
		} else if seenEdge {
			nodesFirst = false
		}
	}
	return v.Counts(), changed, nodesFirst, nil
}

// compare runs a compare query over rows and returns the positions of
// the changed records and of the edges stored between other ends, sorted.
func (s *Store) compare(ctx context.Context, cypher string, rows []any) (changed, moved []int, err error) {
	_, err = s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		recs, err := collect(ctx, tx, cypher, map[string]any{"rows": rows})
		if err != nil {
			return nil, err
		}
		changed, moved = ints(recs[0], "changed"), ints(recs[0], "elsewhere")
		return nil, nil
	})
	return changed, moved, err
}

func ints(rec *neo4j.Record, col string) []int {
	v, _ := rec.Get(col)
	list, _ := v.([]any)
	out := make([]int, 0, len(list))
	for _, x := range list {
		if n, ok := x.(int64); ok {
			out = append(out, int(n))
		}
	}
	slices.Sort(out)
	return out
}

// streamWriter buffers one list's rows to write and writes them a batch
// at a time; records found unchanged are counted, not written.
type streamWriter struct {
	s                     *Store
	cypher                func(list string) string
	sum                   *graph.ImportSummary
	list                  string
	rows                  []any
	seen                  int // records of the batch, written or not
	batch, batches, total int
	done                  int
	progress              ImportProgress
}

func (w *streamWriter) add(ctx context.Context, list string, rec any, write bool) error {
	if list != w.list {
		if err := w.flush(ctx); err != nil {
			return err
		}
		w.list = list
	}
	if write {
		w.rows = append(w.rows, streamLists[list].row(rec))
	}
	w.seen++
	if w.seen >= w.s.batchSize {
		return w.flush(ctx)
	}
	return nil
}

// flush writes the rows buffered.
func (w *streamWriter) flush(ctx context.Context) error {
	if w.seen == 0 {
		return nil
	}
	w.batch++
	if err := ctx.Err(); err != nil {
		return &graph.ImportIncompleteError{Batch: w.batch, Batches: w.batches, Records: w.done, Err: err}
	}
	if len(w.rows) > 0 {
		cypher, rows := w.cypher(w.list), w.rows
		_, err := w.s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			return collect(ctx, tx, cypher, map[string]any{"rows": rows})
		})
		if err != nil {
			return &graph.ImportIncompleteError{Batch: w.batch, Batches: w.batches, Records: w.done, Err: err}
		}
		w.sum.Transactions++
	}
	w.done += w.seen
	w.rows, w.seen = w.rows[:0], 0
	w.progress(PhaseImporting, int64(w.done), int64(w.total))
	return nil
}

// storedCounts returns how many records of each list are stored.
func (s *Store) storedCounts(ctx context.Context) (map[string]int64, error) {
	out, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		m := map[string]int64{}
		for l, sl := range streamLists {
			recs, err := collect(ctx, tx, sl.count, nil)
			if err != nil {
				return nil, err
			}
			n, _ := recs[0].Get("n")
			m[l], _ = n.(int64)
		}
		return m, nil
	})
	if err != nil {
		return nil, err
	}
	return out.(map[string]int64), nil
}

// knownIDs looks up which of the given people and households are stored,
// in one read transaction, a page of ids per query.
func (s *Store) knownIDs(ctx context.Context, people, households []graph.ID) (map[string]map[graph.ID]bool, error) {
	known := map[string]map[graph.ID]bool{"person": {}, "household": {}}
	if len(people)+len(households) == 0 {
		return known, nil
	}
	_, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		for _, q := range []struct {
			kind, cypher string
			ids          []graph.ID
		}{{"person", knownPeople, people}, {"household", knownHouseholds, households}} {
			for lo := 0; lo < len(q.ids); lo += 10_000 {
				recs, err := collect(ctx, tx, q.cypher, map[string]any{"ids": q.ids[lo:min(lo+10_000, len(q.ids))]})
				if err != nil {
					return nil, err
				}
				ids, _ := recs[0].Get("ids")
				for _, id := range ids.([]any) {
					known[q.kind][id.(string)] = true
				}
			}
		}
		return nil, nil
	})
	return known, err
}

func scanFile(open Opener, each func(string, int, any) error) error {
	f, err := open()
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = graph.ScanDocument(f, each)
	return err
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
