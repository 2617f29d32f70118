package neo4jstore

import (
	"context"
	"errors"
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
RETURN [i IN range(0, size(ids) - 1, $page) | ids[i]] AS starts`

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

// encodedProjection is the report's projection of one state of the
// records, every date at once (fullPage), as its pages encoded
// (projection_codec.go): what is stored under the store version
// (projection_stored.go) and what a report or a series decodes for its
// dates.
type encodedProjection struct {
	pages [][]byte // each with its counts of records (pageHeader)
}

// loadProjection reads the projection page by page, projectionReaders
// pages at once, each in a read transaction of its own. Since the pages
// are several transactions, the store version is read before and after:
// when a write landed in between, the projection is read again (up to
// projectionAttempts times; under a write that never stops, the last
// reading stands, as a single read-committed transaction would give).
// version is the store version the projection is of: "" when the last
// reading saw a write land, or nothing was ever written through kinmap.
func (s *Store) loadProjection(ctx context.Context) (p encodedProjection, version string, err error) {
	for attempt := 1; ; attempt++ {
		before, err := s.Version(ctx)
		if err != nil {
			return encodedProjection{}, "", err
		}
		p, err := s.readProjection(ctx)
		if err != nil {
			return encodedProjection{}, "", err
		}
		after, err := s.Version(ctx)
		if err != nil {
			return encodedProjection{}, "", err
		}
		if after == before {
			return p, after, nil
		}
		if attempt == projectionAttempts {
			return p, "", nil
		}
	}
}

// readProjection reads the pages once (see loadProjection).
func (s *Store) readProjection(ctx context.Context) (encodedProjection, error) {
	starts, err := s.projectionStarts(ctx)
	if err != nil {
		return encodedProjection{}, err
	}
	pages := make([][]byte, len(starts))
	err = eachAtOnce(ctx, len(starts), func(ctx context.Context, i int) error {
		hi := lastID
		if i+1 < len(starts) {
			hi = starts[i+1]
		}
		page, err := s.readPage(ctx, starts[i], hi)
		pages[i] = page
		if afterProjectionPage != nil {
			afterProjectionPage()
		}
		return err
	})
	if err != nil {
		return encodedProjection{}, err
	}
	return encodedProjection{pages: pages}, nil
}

// eachAtOnce runs do for 0 to n-1, projectionReaders at once, and
// returns the first error (which cancels the rest).
func eachAtOnce(ctx context.Context, n int, do func(ctx context.Context, i int) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg       sync.WaitGroup
		once     sync.Once
		firstErr error
		next     = make(chan int)
	)
	for range min(projectionReaders, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := do(ctx, i); err != nil {
					once.Do(func() { firstErr = err; cancel() })
				}
			}
		}()
	}
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if firstErr == nil && ctx.Err() != nil {
		firstErr = ctx.Err()
	}
	return firstErr
}

// projectionStarts returns the id each page starts at.
func (s *Store) projectionStarts(ctx context.Context) ([]string, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) ([]string, error) {
		recs, err := collect(ctx, tx, projectionStarts, map[string]any{"page": reportPageSize})
		if err != nil {
			return nil, err
		}
		v, _ := recs[0].Get("starts")
		ids, _ := v.([]any)
		starts := make([]string, 0, len(ids))
		for _, id := range ids {
			starts = append(starts, str(id))
		}
		return starts, nil
	})
}

// readPage reads the people from lo up to hi, encoded.
func (s *Store) readPage(ctx context.Context, lo, hi string) ([]byte, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) ([]byte, error) {
		recs, err := collect(ctx, tx, fullPage, map[string]any{"lo": lo, "hi": hi})
		if err != nil {
			return nil, err
		}
		e := newPageEncoder() // a retried transaction starts afresh
		rows, _ := recs[0].Get("rows")
		for _, x := range rows.([]any) {
			e.row(x.([]any))
		}
		return e.page(), nil
	})
}

// projectedNetwork is the network as of asOf that add makes of the
// projection of the records as they are now (projection). A stored
// projection that does not decode (another kinmap's codec, say) is
// forgotten, and the records read again.
func (s *Store) projectedNetwork(ctx context.Context, asOf graph.Date,
	add func(out *graph.Network, kinds map[graph.ID]graph.Household, r *projectedRow)) (*graph.Network, error) {
	for forgot := false; ; forgot = true {
		p, err := s.projection(ctx)
		if err != nil {
			return nil, err
		}
		n, err := decodeProjection(ctx, p, asOf, add)
		if !errors.Is(err, errProjectionCodec) || forgot {
			return n, err
		}
		if err := s.ForgetReportProjection(ctx); err != nil {
			return nil, err
		}
	}
}

// decodeProjection decodes the pages (projectionReaders at once) into
// one network as of asOf, add choosing and adding what each person's row
// gives. Each page decodes into its own stretch of the network's slices,
// sized by the page's counts, so nothing grows; the stretches are then
// closed up, in id order.
func decodeProjection(ctx context.Context, p encodedProjection, asOf graph.Date,
	add func(out *graph.Network, kinds map[graph.ID]graph.Household, r *projectedRow)) (*graph.Network, error) {
	counts := make([]pageCounts, len(p.pages))
	var all pageCounts
	for i, page := range p.pages {
		c, err := pageHeader(page)
		if err != nil {
			return nil, err
		}
		counts[i] = c
		all.people += c.people
		all.rels += c.rels
		all.homes += c.homes
		all.dates += c.dates
	}
	out := &graph.Network{AsOf: asOf, Records: graph.Records{
		People:        make([]graph.Person, all.people),
		Relationships: make([]graph.Relationship, all.rels),
		Residences:    make([]graph.Residence, all.homes),
		Contacts:      make([]graph.Contact, all.dates),
	}}
	pages := make([]projectionPage, len(p.pages))
	var at pageCounts
	for i, c := range counts {
		pages[i] = projectionPage{kinds: make(map[graph.ID]graph.Household, c.homes), out: graph.Network{Records: graph.Records{
			People:        out.People[at.people : at.people : at.people+c.people],
			Relationships: out.Relationships[at.rels : at.rels : at.rels+c.rels],
			Residences:    out.Residences[at.homes : at.homes : at.homes+c.homes],
			Contacts:      out.Contacts[at.dates : at.dates : at.dates+c.dates],
		}}}
		at.people += c.people
		at.rels += c.rels
		at.homes += c.homes
		at.dates += c.dates
	}
	err := eachAtOnce(ctx, len(p.pages), func(_ context.Context, i int) error {
		pg := &pages[i]
		return decodePage(p.pages[i], func(r *projectedRow) { add(&pg.out, pg.kinds, r) })
	})
	if err != nil {
		return nil, err
	}
	closeUp(out, pages)
	return out, nil
}

// closeUp moves the pages' records, in order, to the start of out's
// slices (where each page's stretch already is, but for what the pages
// before it left out), and gathers their households.
func closeUp(out *graph.Network, pages []projectionPage) {
	var people, rels, res, contacts int
	kinds := map[graph.ID]graph.Household{}
	for i := range pages {
		p := &pages[i].out
		people += shift(out.People[people:], p.People)
		rels += shift(out.Relationships[rels:], p.Relationships)
		res += shift(out.Residences[res:], p.Residences)
		contacts += shift(out.Contacts[contacts:], p.Contacts)
		for id, h := range pages[i].kinds {
			kinds[id] = h
		}
	}
	out.People = out.People[:people]
	out.Relationships = out.Relationships[:rels]
	out.Residences = out.Residences[:res]
	out.Contacts = out.Contacts[:contacts]
	clear(out.Contacts[contacts:cap(out.Contacts)]) // drop what the moves left behind
	out.Households = make([]graph.Household, 0, len(kinds))
	for _, h := range kinds {
		out.Households = append(out.Households, h)
	}
}

// shift copies src to the start of dst unless it is there already, and
// returns how many records it holds.
func shift[T any](dst, src []T) int {
	if len(src) > 0 && &dst[0] != &src[0] {
		copy(dst, src)
	}
	return len(src)
}
