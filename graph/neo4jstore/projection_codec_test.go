package neo4jstore

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/kinmap/kinmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func ndate(s string) neo4j.Date { return neo4j.DateOf(graph.MustDate(s).Time()) }

// codecRows are rows as fullPage returns them, with every kind of value:
// a looked-after child with a sibling (separation, arrangement,
// restriction, history), a parent relationship, homes and contacts; a pet;
// a person with nothing but an id; a date before 1970; strings repeated.
func codecRows() [][]any {
	return [][]any{
		{"c-1", false, []any{ndate("2014-03-02"), "5-11", ndate("2022-01-10"), nil},
			[]any{
				[]any{"c-2", true, ndate("2016-07-19"), nil, "child_wish", `[{"until":"2023-06-30"}]`, "face_to_face", "weekly", "court_order", ndate("2024-01-01")},
				[]any{"m-1", false, ndate("1969-12-31"), ndate("2025-01-01"), nil, nil, nil, nil, nil, nil},
			},
			[]any{
				[]any{"h-1", "foster", ndate("2022-01-10"), ndate("2023-12-31"), "Glasgow City"},
				[]any{"h-2", "residential", ndate("2024-01-01"), nil, nil},
			},
			[]any{[]any{"c-2", []any{ndate("2025-05-01"), ndate("2025-06-01"), ndate("2025-06-01")}}},
		},
		{"c-2", true, nil, []any{}, nil, nil},
		{"m-1", false, nil, []any{[]any{"c-1", false, nil, nil, nil, nil, nil, nil, nil, nil}}, nil, nil},
		{"c-3", false, []any{ndate("1950-01-01"), "", nil, nil}, []any{}, []any{[]any{"h-1", "foster", nil, nil, "Glasgow City"}}, []any{}},
	}
}

func encodeRows(rows [][]any) []byte {
	e := newPageEncoder()
	for _, r := range rows {
		e.row(r)
	}
	return e.page()
}

// A page decodes to what its rows say, every field.
func TestProjectionCodecRoundTrip(t *testing.T) {
	page := encodeRows(codecRows())
	c, err := pageHeader(page)
	if err != nil {
		t.Fatalf("pageHeader: %v", err)
	}
	if want := (pageCounts{people: 4, rels: 3, homes: 3, contacts: 1, dates: 3}); c != want {
		t.Errorf("counts %+v, want %+v", c, want)
	}
	var got []projectedRow
	err = decodePage(page, func(r *projectedRow) {
		cp := projectedRow{person: r.person, rels: append([]projectedRel(nil), r.rels...), homes: append([]projectedHome(nil), r.homes...)}
		for _, x := range r.contacts {
			cp.contacts = append(cp.contacts, projectedContacts{to: x.to, dates: append([]graph.Date(nil), x.dates...)})
		}
		got = append(got, cp)
	})
	if err != nil {
		t.Fatalf("decodePage: %v", err)
	}
	d := graph.MustDate
	want := []projectedRow{
		{
			person: graph.Person{ID: "c-1", LookedAfter: true, DateOfBirth: d("2014-03-02"), AgeBand: "5-11", LookedAfterSince: d("2022-01-10")},
			rels: []projectedRel{
				{rel: graph.Relationship{From: "c-1", To: "c-2", Kind: graph.RelSibling, Since: d("2016-07-19"),
					Separation:  &graph.Separation{Reason: "child_wish"},
					Contact:     &graph.Arrangement{Mode: "face_to_face", Frequency: "weekly"},
					Restriction: &graph.Restriction{Kind: "court_order", Since: d("2024-01-01")}},
					history: `[{"until":"2023-06-30"}]`},
				{rel: graph.Relationship{From: "c-1", To: "m-1", Kind: graph.RelParent, Since: d("1969-12-31"), Until: d("2025-01-01")}},
			},
			homes: []projectedHome{
				{res: graph.Residence{Person: "c-1", Household: "h-1", From: d("2022-01-10"), Until: d("2023-12-31")},
					household: graph.Household{ID: "h-1", Kind: "foster", CouncilArea: "Glasgow City"}},
				{res: graph.Residence{Person: "c-1", Household: "h-2", From: d("2024-01-01")},
					household: graph.Household{ID: "h-2", Kind: "residential"}},
			},
			contacts: []projectedContacts{{to: "c-2", dates: []graph.Date{d("2025-05-01"), d("2025-06-01"), d("2025-06-01")}}},
		},
		{person: graph.Person{ID: "c-2", Pet: true}},
		{person: graph.Person{ID: "m-1"}, rels: []projectedRel{{rel: graph.Relationship{From: "m-1", To: "c-1", Kind: graph.RelParent}}}},
		{
			person: graph.Person{ID: "c-3", LookedAfter: true, DateOfBirth: d("1950-01-01")},
			homes: []projectedHome{{res: graph.Residence{Person: "c-3", Household: "h-1"},
				household: graph.Household{ID: "h-1", Kind: "foster", CouncilArea: "Glasgow City"}}},
		},
	}
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

// A page cut short, or with a byte changed, never panics: cut short, it
// does not decode (at a row's end too: the counts say more); changed, it
// decodes or fails with errProjectionCodec.
func TestProjectionCodecDamagedPages(t *testing.T) {
	page := encodeRows(codecRows())
	for n := 0; n < len(page); n++ {
		err := decodePage(page[:n], func(*projectedRow) {})
		if !errors.Is(err, errProjectionCodec) {
			t.Errorf("cut at %d of %d: err %v, want errProjectionCodec", n, len(page), err)
		}
	}
	for i := range page {
		for _, b := range []byte{0, 1, 2, 0x7f, 0x80, 0xff} {
			bad := append([]byte(nil), page...)
			bad[i] = b
			done := make(chan error, 1)
			go func() { done <- decodePage(bad, func(*projectedRow) {}) }()
			select {
			case err := <-done:
				if err != nil && !errors.Is(err, errProjectionCodec) {
					t.Errorf("byte %d = %#x: err %v", i, b, err)
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("byte %d = %#x: still decoding after 10 s", i, b)
			}
		}
	}
}
