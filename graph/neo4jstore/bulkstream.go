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

// The changed queries return the positions, in a batch, of the rows whose
// record is not stored as the row has it (new, or different): re-importing
// an unchanged document reads it and writes nothing. A row holds no null
// values (see compact), so properties() compares with it key for key.
const (
	peopleChanged = `UNWIND range(0, size($rows) - 1) AS i WITH i, $rows[i] AS row
OPTIONAL MATCH (n:Person {id: row.id}) USING INDEX n:Person(id)
WITH i, n, row WHERE n IS NULL OR properties(n) <> row RETURN collect(i) AS changed`
	householdsChanged = `UNWIND range(0, size($rows) - 1) AS i WITH i, $rows[i] AS row
OPTIONAL MATCH (n:Household {id: row.id}) USING INDEX n:Household(id)
WITH i, n, row WHERE n IS NULL OR properties(n) <> row RETURN collect(i) AS changed`
	residencesChanged = `UNWIND range(0, size($rows) - 1) AS i WITH i, $rows[i] AS row
OPTIONAL MATCH ()-[r:LIVES_IN {id: row.props.id}]->() USING INDEX r:LIVES_IN(id)
WITH i, r, row WHERE r IS NULL OR properties(r) <> row.props RETURN collect(i) AS changed`
	relationshipsChanged = `UNWIND range(0, size($rows) - 1) AS i WITH i, $rows[i] AS row
OPTIONAL MATCH ()-[r:CONNECTED {id: row.props.id}]->() USING INDEX r:CONNECTED(id)
WITH i, r, row WHERE r IS NULL OR properties(r) <> row.props RETURN collect(i) AS changed`
	contactsChanged = `UNWIND range(0, size($rows) - 1) AS i WITH i, $rows[i] AS row
OPTIONAL MATCH ()-[r:CONTACT {id: row.props.id}]->() USING INDEX r:CONTACT(id)
WITH i, r, row WHERE r IS NULL OR properties(r) <> row.props RETURN collect(i) AS changed`
	assignmentsChanged = `UNWIND range(0, size($rows) - 1) AS i WITH i, $rows[i] AS row
OPTIONAL MATCH ()-[r:HOLDS {id: row.props.id}]->() USING INDEX r:HOLDS(id)
WITH i, r, row WHERE r IS NULL OR properties(r) <> row.props RETURN collect(i) AS changed`

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
	// nothing stored yet needs neither the stored-ends check nor the
	// changed query.
	countPeople        = "MATCH (n:Person) RETURN count(n) AS n"
	countHouseholds    = "MATCH (n:Household) RETURN count(n) AS n"
	countResidences    = "MATCH ()-[r:LIVES_IN]->() RETURN count(r) AS n"
	countRelationships = "MATCH ()-[r:CONNECTED]->() RETURN count(r) AS n"
	countContacts      = "MATCH ()-[r:CONTACT]->() RETURN count(r) AS n"
	countAssignments   = "MATCH ()-[r:HOLDS]->() RETURN count(r) AS n"
)

// streamList is how one record list is checked and written.
type streamList struct {
	merge, create, changed, count, elsewhere, what string
	row                                            func(rec any) any // the MERGE row
	ends                                           func(rec any) (id, from, to graph.ID)
	node                                           bool
}

var streamLists = map[string]streamList{
	"people": {merge: mergePeople, create: createPeople, changed: peopleChanged, count: countPeople, node: true,
		row: func(r any) any { return compact(personProps(r.(graph.Person))) }},
	"households": {merge: mergeHouseholds, create: createHouseholds, changed: householdsChanged, count: countHouseholds, node: true,
		row: func(r any) any { return compact(householdProps(r.(graph.Household))) }},
	"residences": {merge: mergeResidences, create: createResidences, changed: residencesChanged, count: countResidences,
		elsewhere: residencesElsewhere, what: "person and household",
		row: func(r any) any {
			x := r.(graph.Residence)
			return edgeRow(x.Person, x.Household, residenceProps(x))
		},
		ends: func(r any) (graph.ID, graph.ID, graph.ID) {
			x := r.(graph.Residence)
			return x.ID, x.Person, x.Household
		}},
	"relationships": {merge: mergeRelationships, create: createRelationships, changed: relationshipsChanged, count: countRelationships,
		elsewhere: relationshipsElsewhere, what: "people",
		row: func(r any) any {
			x := r.(graph.Relationship)
			return edgeRow(x.From, x.To, relationshipProps(x))
		},
		ends: func(r any) (graph.ID, graph.ID, graph.ID) { x := r.(graph.Relationship); return x.ID, x.From, x.To }},
	"contacts": {merge: mergeContacts, create: createContacts, changed: contactsChanged, count: countContacts,
		elsewhere: contactsElsewhere, what: "people",
		row: func(r any) any {
			x := r.(graph.Contact)
			return edgeRow(x.From, x.To, contactProps(x))
		},
		ends: func(r any) (graph.ID, graph.ID, graph.ID) { x := r.(graph.Contact); return x.ID, x.From, x.To }},
	"assignments": {merge: mergeAssignments, create: createAssignments, changed: assignmentsChanged, count: countAssignments,
		elsewhere: assignmentsElsewhere, what: "worker and child",
		row: func(r any) any {
			x := r.(graph.Assignment)
			return edgeRow(x.Worker, x.Child, assignmentProps(x))
		},
		ends: func(r any) (graph.ID, graph.ID, graph.ID) { x := r.(graph.Assignment); return x.ID, x.Worker, x.Child }},
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
// (once to check it, once to write it).
type Opener = func() (io.ReadCloser, error)

// ImportStream imports the document open gives without holding it in
// memory: a first pass decodes it record by record (graph.ScanDocument)
// and validates it as Import does (records, duplicate ids, references to
// records in the document or stored, stored edge ids reused for other
// ends); nothing is written unless it is valid. A second pass writes it:
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
	counts, nodesFirst, err := s.checkStream(ctx, open, size, stored, progress)
	if err != nil {
		return graph.ImportSummary{}, err
	}
	sum := graph.ImportSummary{Counts: counts}
	total := 0
	for _, n := range counts {
		total += n
	}
	if total <= s.singleTxLimit {
		// One transaction, of the new or changed records only.
		rows := map[string][]any{}
		if err := scanFile(open, func(list string, _ int, rec any) error {
			rows[list] = append(rows[list], streamLists[list].row(rec))
			return nil
		}); err != nil {
			return sum, err
		}
		var steps []step
		for _, l := range graph.Lists {
			sl, all := streamLists[l], rows[l]
			if stored[l] == 0 {
				steps = append(steps, step{sl.create, all})
				continue
			}
			var changed []any
			for lo := 0; lo < len(all); lo += s.batchSize {
				batch := all[lo:min(lo+s.batchSize, len(all))]
				idx, err := s.readInts(ctx, sl.changed, batch, "changed")
				if err != nil {
					return sum, err
				}
				for _, i := range idx {
					changed = append(changed, batch[i])
				}
			}
			steps = append(steps, step{sl.merge, changed})
		}
		if slices.ContainsFunc(steps, func(st step) bool { return len(st.rows) > 0 }) {
			if err := s.writeAll(ctx, steps); err != nil {
				return sum, err
			}
			sum.Transactions = 1
		}
		progress(PhaseImporting, int64(total), int64(total))
		return sum, nil
	}
	w := &streamWriter{s: s, stored: stored, sum: &sum, total: total, progress: progress}
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
		err := scanFile(open, func(list string, _ int, rec any) error {
			if !include(list) {
				return nil
			}
			return w.add(ctx, list, rec)
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

// checkStream is ImportStream's first pass; it returns the document's
// record counts and whether every node list comes before every edge list.
func (s *Store) checkStream(ctx context.Context, open Opener, size int64, stored map[string]int64, progress ImportProgress) (map[string]int, bool, error) {
	v := graph.NewDocumentValidator()
	type pendingEnds struct{ rows []any }
	ends := map[string]*pendingEnds{}
	checkEnds := func(list string) error {
		pe := ends[list]
		if pe == nil || len(pe.rows) == 0 {
			return nil
		}
		sl := streamLists[list]
		idx, err := s.readInts(ctx, sl.elsewhere, pe.rows, "i")
		if err != nil {
			return err
		}
		for _, i := range idx {
			v.Conflict(graph.Conflict(fmt.Sprintf("%s[%d].id", list, i),
				"is already stored between another "+sl.what+": end that record and give this one a new id"))
		}
		pe.rows = pe.rows[:0]
		return nil
	}
	var order []string
	f, err := open()
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	cr := &countingReader{r: f}
	format, err := graph.ScanDocument(cr, func(list string, i int, rec any) error {
		if len(order) == 0 || order[len(order)-1] != list {
			order = append(order, list)
			progress(PhaseChecking, cr.n, size)
		}
		v.Add(list, i, rec)
		sl := streamLists[list]
		if sl.ends != nil && stored[list] > 0 {
			pe := ends[list]
			if pe == nil {
				pe = &pendingEnds{}
				ends[list] = pe
			}
			id, from, to := sl.ends(rec)
			pe.rows = append(pe.rows, map[string]any{"i": i, "id": id, "from": from, "to": to})
			if len(pe.rows) >= s.batchSize {
				if err := checkEnds(list); err != nil {
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
		return nil, false, err
	}
	progress(PhaseChecking, cr.n, max(size, cr.n))
	for list := range ends {
		if err := checkEnds(list); err != nil {
			return nil, false, err
		}
	}
	v.Format(format)
	people, households := v.Unresolved()
	known, err := s.knownIDs(ctx, people, households)
	if err != nil {
		return nil, false, err
	}
	if err := v.Err(func(kind string, id graph.ID) bool { return known[kind][id] }); err != nil {
		return nil, false, err
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
	return v.Counts(), nodesFirst, nil
}

// streamWriter buffers one list's rows and writes them a batch at a time.
type streamWriter struct {
	s                     *Store
	stored                map[string]int64
	sum                   *graph.ImportSummary
	list                  string
	rows                  []any
	batch, batches, total int
	done, written         int
	progress              ImportProgress
}

func (w *streamWriter) add(ctx context.Context, list string, rec any) error {
	if list != w.list {
		if err := w.flush(ctx); err != nil {
			return err
		}
		w.list = list
	}
	w.rows = append(w.rows, streamLists[list].row(rec))
	if len(w.rows) >= w.s.batchSize {
		return w.flush(ctx)
	}
	return nil
}

// flush writes the rows buffered that are new or changed.
func (w *streamWriter) flush(ctx context.Context) error {
	if len(w.rows) == 0 {
		return nil
	}
	w.batch++
	sl := streamLists[w.list]
	rows := w.rows
	fail := func(err error) error {
		return &graph.ImportIncompleteError{Batch: w.batch, Batches: w.batches, Records: w.done, Err: err}
	}
	if err := ctx.Err(); err != nil {
		return fail(err)
	}
	cypher := sl.create
	if w.stored[w.list] > 0 {
		cypher = sl.merge
		idx, err := w.s.readInts(ctx, sl.changed, rows, "changed")
		if err != nil {
			return fail(err)
		}
		changed := make([]any, 0, len(idx))
		for _, i := range idx {
			changed = append(changed, rows[i])
		}
		rows = changed
	}
	if len(rows) > 0 {
		_, err := w.s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			return collect(ctx, tx, cypher, map[string]any{"rows": rows})
		})
		if err != nil {
			return fail(err)
		}
		w.sum.Transactions++
		w.written += len(rows)
	}
	w.done += len(w.rows)
	w.rows = w.rows[:0]
	w.progress(PhaseImporting, int64(w.done), int64(w.total))
	return nil
}

// readInts runs a read query over rows and returns the integers it
// gives: one per record in column col, or one list in one record.
func (s *Store) readInts(ctx context.Context, cypher string, rows []any, col string) ([]int, error) {
	out, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		recs, err := collect(ctx, tx, cypher, map[string]any{"rows": rows})
		if err != nil {
			return nil, err
		}
		var ints []int
		for _, rec := range recs {
			v, _ := rec.Get(col)
			switch x := v.(type) {
			case int64:
				ints = append(ints, int(x))
			case []any:
				for _, y := range x {
					ints = append(ints, int(y.(int64)))
				}
			}
		}
		slices.Sort(ints)
		return ints, nil
	})
	if err != nil {
		return nil, err
	}
	return out.([]int), nil
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
