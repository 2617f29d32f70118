package neo4jstore

import (
	"context"
	"sync"

	"github.com/kinmap/kinmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// projectionStarts is the id each page of a projection starts at: every
// $page-th person in id order (the id index gives the order), so that the
// pages can be read at once, each an index range seek of its own.
const projectionStarts = `MATCH (p:Person) WHERE p.id IS NOT NULL
WITH p.id AS id ORDER BY id
WITH collect(id) AS ids
RETURN size(ids) AS n, [i IN range(0, size(ids) - 1, $page) | ids[i]] AS starts`

// lastID is above every id (ids are ASCII: graph.ValidID): the upper
// bound of the last page.
const lastID = "\uffff"

var (
	// reportPageSize is how many people a page of a projection holds (a
	// variable for the tests, which page through small authorities).
	reportPageSize = 10_000
	// projectionReaders is how many pages are read at once. Two keep
	// both of Neo4j's query threads and the decoding busy on a small
	// machine; more only queue behind each other there.
	projectionReaders = 2
	// projectionAttempts is how many times a projection is read again
	// when the store version moved while it was read.
	projectionAttempts = 3
	// afterProjectionPage, when set (by a test), runs after each page read.
	afterProjectionPage func()
)

// projectionPage is what one page adds to a projection.
type projectionPage struct {
	out   graph.Network
	kinds map[graph.ID]graph.Household
}

// loadProjection reads a paged projection query (reportPage, seriesPage:
// the people with ids from $lo up to $hi, as one row of positional lists)
// page by page, projectionReaders pages at once, each in a read
// transaction of its own, adding each person's row to the network with
// add, and the households the rows name. The pages come back in id order
// whatever order they finish in. Since the pages are several
// transactions, the store version is read before and after: when a write
// landed in between, the projection is read again (up to
// projectionAttempts times; under a write that never stops, the last
// reading stands, as a single read-committed transaction would give).
func (s *Store) loadProjection(ctx context.Context, asOf graph.Date, page string, params map[string]any,
	add func(out *graph.Network, kinds map[graph.ID]graph.Household, row []any)) (*graph.Network, error) {
	for attempt := 1; ; attempt++ {
		before, err := s.Version(ctx)
		if err != nil {
			return nil, err
		}
		out, err := s.readProjection(ctx, asOf, page, params, add)
		if err != nil {
			return nil, err
		}
		after, err := s.Version(ctx)
		if err != nil {
			return nil, err
		}
		if after == before || attempt == projectionAttempts {
			return out, nil
		}
	}
}

// readProjection reads the pages once (see loadProjection).
func (s *Store) readProjection(ctx context.Context, asOf graph.Date, page string, params map[string]any,
	add func(out *graph.Network, kinds map[graph.ID]graph.Household, row []any)) (*graph.Network, error) {
	people, starts, err := s.projectionStarts(ctx)
	if err != nil {
		return nil, err
	}
	pages := make([]projectionPage, len(starts))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg       sync.WaitGroup
		once     sync.Once
		firstErr error
		next     = make(chan int)
	)
	for range min(projectionReaders, len(starts)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				hi := lastID
				if i+1 < len(starts) {
					hi = starts[i+1]
				}
				if err := s.readPage(ctx, page, params, starts[i], hi, &pages[i], add); err != nil {
					once.Do(func() { firstErr = err; cancel() })
				}
				if afterProjectionPage != nil {
					afterProjectionPage()
				}
			}
		}()
	}
	for i := range starts {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	return mergePages(asOf, people, pages), nil
}

// projectionStarts returns how many people there are and the id each
// page starts at.
func (s *Store) projectionStarts(ctx context.Context) (int, []string, error) {
	type starts struct {
		n   int
		ids []string
	}
	out, err := readTx(ctx, s, func(tx neo4j.ManagedTransaction) (starts, error) {
		recs, err := collect(ctx, tx, projectionStarts, map[string]any{"page": reportPageSize})
		if err != nil {
			return starts{}, err
		}
		n, _ := recs[0].Get("n")
		ids, _ := recs[0].Get("starts")
		st := starts{}
		c, _ := n.(int64)
		st.n = int(c)
		for _, id := range ids.([]any) {
			st.ids = append(st.ids, str(id))
		}
		return st, nil
	})
	return out.n, out.ids, err
}

// readPage reads the people from lo up to hi into p.
func (s *Store) readPage(ctx context.Context, page string, params map[string]any, lo, hi string, p *projectionPage,
	add func(out *graph.Network, kinds map[graph.ID]graph.Household, row []any)) error {
	q := map[string]any{"lo": lo, "hi": hi}
	for k, v := range params {
		q[k] = v
	}
	_, err := readTx(ctx, s, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		recs, err := collect(ctx, tx, page, q)
		if err != nil {
			return struct{}{}, err
		}
		*p = projectionPage{kinds: map[graph.ID]graph.Household{}} // a retried transaction starts afresh
		rows, _ := recs[0].Get("rows")
		for _, x := range rows.([]any) {
			add(&p.out, p.kinds, x.([]any))
		}
		return struct{}{}, nil
	})
	return err
}

// mergePages joins the pages, in id order, into one network.
func mergePages(asOf graph.Date, people int, pages []projectionPage) *graph.Network {
	var rels, res, contacts int
	for i := range pages {
		rels += len(pages[i].out.Relationships)
		res += len(pages[i].out.Residences)
		contacts += len(pages[i].out.Contacts)
	}
	out := &graph.Network{AsOf: asOf, Records: graph.Records{
		People:        make([]graph.Person, 0, people),
		Relationships: make([]graph.Relationship, 0, rels),
		Residences:    make([]graph.Residence, 0, res),
		Contacts:      make([]graph.Contact, 0, contacts),
	}}
	kinds := map[graph.ID]graph.Household{}
	for i := range pages {
		p := &pages[i].out
		out.People = append(out.People, p.People...)
		out.Relationships = append(out.Relationships, p.Relationships...)
		out.Residences = append(out.Residences, p.Residences...)
		out.Contacts = append(out.Contacts, p.Contacts...)
		for id, h := range pages[i].kinds {
			kinds[id] = h
		}
		pages[i] = projectionPage{} // let the page go before the next is copied
	}
	out.Households = make([]graph.Household, 0, len(kinds))
	for _, h := range kinds {
		out.Households = append(out.Households, h)
	}
	return out
}
