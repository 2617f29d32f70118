package neo4jstore

import (
	"encoding/binary"
	"errors"
	"time"

	"github.com/kinmap/kinmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// A page of the report's projection (the rows of fullPage) is kept
// encoded: compact enough to store in Neo4j under the
// store version (projection_stored.go) and to decode in a few
// milliseconds. The encoding is a version byte; the page's counts of
// people, relationships, homes, contacts (people had contact with) and
// dates of contact; then for each person, in the page's order:
//
//	id, flags (1 pet, 2 looked after), and when looked after: date of
//	  birth, age band, looked after since, until
//	relationships: count, then each: to, flags (1 sibling), since, until,
//	  separation reason, history, contact mode, contact frequency,
//	  restriction kind, restriction since
//	homes: count, then each: household, kind, from, until, council area
//	contacts: count, then each: to, count of dates, the dates
//
// Counts are unsigned varints; a date is 0 for none, else its days since
// 1970-01-01 zigzagged, plus one; a string is 0 for "", 1 followed by its
// length and bytes the first time it occurs in the page, else 2 plus its
// place among the page's strings.
const projectionCodec byte = 1

// errProjectionCodec is a stored page that does not decode: written by
// another codec version or cut short. The projection is then read from
// the records again.
var errProjectionCodec = errors.New("stored report projection does not decode")

// pageEncoder encodes one page of rows: row by row, then page.
type pageEncoder struct {
	buf     []byte
	strings map[string]uint64
	counts  pageCounts
}

// pageCounts are a page's counts of records.
type pageCounts struct {
	people, rels, homes, contacts, dates int
}

func newPageEncoder() *pageEncoder {
	return &pageEncoder{strings: map[string]uint64{}}
}

// page returns the encoded page.
func (e *pageEncoder) page() []byte {
	c := e.counts
	out := []byte{projectionCodec}
	for _, n := range []int{c.people, c.rels, c.homes, c.contacts, c.dates} {
		out = binary.AppendUvarint(out, uint64(n))
	}
	return append(out, e.buf...)
}

func (e *pageEncoder) uint(n int) { e.buf = binary.AppendUvarint(e.buf, uint64(n)) }

func (e *pageEncoder) str(v any) {
	s, _ := v.(string)
	if s == "" {
		e.buf = append(e.buf, 0)
		return
	}
	if i, ok := e.strings[s]; ok {
		e.buf = binary.AppendUvarint(e.buf, i+2)
		return
	}
	e.strings[s] = uint64(len(e.strings))
	e.buf = append(e.buf, 1)
	e.buf = binary.AppendUvarint(e.buf, uint64(len(s)))
	e.buf = append(e.buf, s...)
}

func (e *pageEncoder) date(v any) {
	d, ok := v.(neo4j.Date)
	if !ok {
		e.buf = append(e.buf, 0)
		return
	}
	days := d.Time().Unix() / 86400
	if d.Time().Unix()%86400 < 0 {
		days--
	}
	e.buf = binary.AppendUvarint(e.buf, zigzag(days)+1)
}

func zigzag(n int64) uint64 { return uint64(n<<1) ^ uint64(n>>63) }

func unzigzag(u uint64) int64 { return int64(u>>1) ^ -int64(u&1) }

// fields encodes values, each a string or a date as kinds says ('s' or
// 'd', one letter a value).
func (e *pageEncoder) fields(values []any, kinds string) {
	for i, v := range values {
		if kinds[i] == 'd' {
			e.date(v)
		} else {
			e.str(v)
		}
	}
}

// row encodes one row of fullPage: [id, pet, looked-after details or
// null, relationships, homes, contacts [to, [date, ...]]].
func (e *pageEncoder) row(v []any) {
	e.counts.people++
	e.str(v[0])
	var flags byte
	if pet, _ := v[1].(bool); pet {
		flags |= 1
	}
	la, isLA := v[2].([]any)
	if isLA {
		flags |= 2
	}
	e.buf = append(e.buf, flags)
	if isLA {
		e.date(la[0])
		e.str(la[1])
		e.date(la[2])
		e.date(la[3])
	}
	rels, _ := v[3].([]any)
	e.uint(len(rels))
	e.counts.rels += len(rels)
	for _, x := range rels {
		w := x.([]any)
		e.str(w[0])
		if sib, _ := w[1].(bool); sib {
			e.buf = append(e.buf, 1)
		} else {
			e.buf = append(e.buf, 0)
		}
		e.fields(w[2:], "ddsssssd")
	}
	homes, _ := v[4].([]any)
	e.uint(len(homes))
	e.counts.homes += len(homes)
	for _, x := range homes {
		e.fields(x.([]any), "ssdds")
	}
	contacts, _ := v[5].([]any)
	e.uint(len(contacts))
	e.counts.contacts += len(contacts)
	for _, x := range contacts {
		w := x.([]any)
		e.str(w[0])
		ds, _ := w[1].([]any)
		e.uint(len(ds))
		e.counts.dates += len(ds)
		for _, d := range ds {
			e.date(d)
		}
	}
}

// projectedRow is one person's row decoded, its slices reused from row
// to row.
type projectedRow struct {
	person   graph.Person
	rels     []projectedRel
	homes    []projectedHome
	contacts []projectedContacts
}

type projectedRel struct {
	rel     graph.Relationship // without its history
	history string
}

type projectedHome struct {
	res       graph.Residence
	household graph.Household
}

type projectedContacts struct {
	to    graph.ID
	dates []graph.Date
}

// pageDecoder reads a page encoded by pageEncoder.
type pageDecoder struct {
	buf     []byte
	text    string // the page as one string, which the page's strings are cut from
	strings []string
	err     error
	dates   []graph.Date // the backing of every row's contact dates
}

func (d *pageDecoder) fail() {
	if d.err == nil {
		d.err = errProjectionCodec
	}
	d.buf = nil
}

func (d *pageDecoder) uint() int {
	n, k := binary.Uvarint(d.buf)
	if k <= 0 || n > uint64(len(d.buf))*8+1<<20 {
		d.fail()
		return 0
	}
	d.buf = d.buf[k:]
	return int(n)
}

func (d *pageDecoder) byte() byte {
	if len(d.buf) == 0 {
		d.fail()
		return 0
	}
	b := d.buf[0]
	d.buf = d.buf[1:]
	return b
}

func (d *pageDecoder) str() string {
	n, k := binary.Uvarint(d.buf)
	if k <= 0 {
		d.fail()
		return ""
	}
	d.buf = d.buf[k:]
	switch {
	case n == 0:
		return ""
	case n == 1:
		l := d.uint()
		if l > len(d.buf) {
			d.fail()
			return ""
		}
		at := len(d.text) - len(d.buf)
		s := d.text[at : at+l]
		d.buf = d.buf[l:]
		d.strings = append(d.strings, s)
		return s
	case n-2 < uint64(len(d.strings)):
		return d.strings[n-2]
	}
	d.fail()
	return ""
}

func (d *pageDecoder) date() graph.Date {
	n, k := binary.Uvarint(d.buf)
	if k <= 0 {
		d.fail()
		return graph.Date{}
	}
	d.buf = d.buf[k:]
	if n == 0 {
		return graph.Date{}
	}
	return graph.DateOf(time.Unix(unzigzag(n-1)*86400, 0).UTC())
}

// pageHeader returns the counts of records a page holds.
func pageHeader(page []byte) (pageCounts, error) {
	if len(page) == 0 || page[0] != projectionCodec {
		return pageCounts{}, errProjectionCodec
	}
	d := &pageDecoder{buf: page[1:]}
	return d.counts(), d.err
}

func (d *pageDecoder) counts() pageCounts {
	return pageCounts{people: d.uint(), rels: d.uint(), homes: d.uint(), contacts: d.uint(), dates: d.uint()}
}

// decodePage calls each for every row of page, in order. A page whose
// rows do not add up to its counts (cut short, say) does not decode.
func decodePage(page []byte, each func(*projectedRow)) error {
	if len(page) == 0 || page[0] != projectionCodec {
		return errProjectionCodec
	}
	d := &pageDecoder{buf: page[1:], text: string(page[1:])}
	want := d.counts()
	var got pageCounts
	var r projectedRow
	for len(d.buf) > 0 && d.err == nil {
		d.row(&r)
		if d.err != nil {
			break
		}
		got.people++
		got.rels += len(r.rels)
		got.homes += len(r.homes)
		got.contacts += len(r.contacts)
		got.dates += len(d.dates)
		if got.people > want.people || got.rels > want.rels || got.homes > want.homes ||
			got.contacts > want.contacts || got.dates > want.dates {
			return errProjectionCodec // more than the page's stretch holds
		}
		each(&r)
	}
	if d.err != nil || got != want {
		return errProjectionCodec
	}
	return nil
}

func (d *pageDecoder) row(r *projectedRow) {
	r.person = graph.Person{ID: d.str()}
	flags := d.byte()
	r.person.Pet = flags&1 != 0
	if flags&2 != 0 {
		r.person.LookedAfter = true
		r.person.DateOfBirth = d.date()
		r.person.AgeBand = graph.AgeBand(d.str())
		r.person.LookedAfterSince = d.date()
		r.person.LookedAfterUntil = d.date()
	}
	r.rels = r.rels[:0]
	for range d.uint() {
		to := d.str()
		rel := graph.Relationship{From: r.person.ID, To: to, Kind: graph.RelParent}
		sibling := d.byte() == 1
		rel.Since, rel.Until = d.date(), d.date()
		reason, history, mode, freq, kind := d.str(), d.str(), d.str(), d.str(), d.str()
		since := d.date()
		if sibling {
			rel.Kind = graph.RelSibling
			if reason != "" {
				rel.Separation = &graph.Separation{Reason: graph.SeparationReason(reason)}
			}
			if mode != "" {
				rel.Contact = &graph.Arrangement{Mode: graph.ContactMode(mode), Frequency: graph.Frequency(freq)}
			}
			if kind != "" {
				rel.Restriction = &graph.Restriction{Kind: graph.RestrictionKind(kind), Since: since}
			}
		} else {
			history = ""
		}
		r.rels = append(r.rels, projectedRel{rel: rel, history: history})
	}
	r.homes = r.homes[:0]
	for range d.uint() {
		h, kind := d.str(), d.str()
		from, until := d.date(), d.date()
		area := d.str()
		r.homes = append(r.homes, projectedHome{
			res:       graph.Residence{Person: r.person.ID, Household: h, From: from, Until: until},
			household: graph.Household{ID: h, Kind: graph.HouseholdKind(kind), CouncilArea: graph.CouncilArea(area)},
		})
	}
	r.contacts = r.contacts[:0]
	d.dates = d.dates[:0]
	for range d.uint() {
		to := d.str()
		start := len(d.dates)
		for range d.uint() {
			d.dates = append(d.dates, d.date())
		}
		r.contacts = append(r.contacts, projectedContacts{to: to, dates: d.dates[start:len(d.dates):len(d.dates)]})
	}
}
