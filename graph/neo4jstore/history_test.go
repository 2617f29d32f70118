package neo4jstore_test

import (
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
)

var (
	inClose   = &graph.View{Circle: graph.CircleClose, Words: "my pal Pat"}
	inClosest = &graph.View{Circle: graph.CircleClosest, Words: "my pal Pat"}
	weekly    = &graph.Arrangement{Mode: graph.ContactDirect, Frequency: graph.FreqWeekly}
	monthly   = &graph.Arrangement{Mode: graph.ContactDirect, Frequency: graph.FreqMonthly}
)

// palRel is a friendship of Ava's recorded in the close circle with
// weekly contact.
func palRel() graph.Relationship {
	return graph.Relationship{ID: "t-rel9", From: "t-ava", To: "t-pal", Kind: graph.RelFriend, Since: d("2020-01-01"),
		FromView: inClose, Contact: weekly}
}

func relIn(t *testing.T, n *graph.Network, id graph.ID) graph.Relationship {
	t.Helper()
	i := slices.IndexFunc(n.Relationships, func(r graph.Relationship) bool { return r.ID == id })
	if i < 0 {
		t.Fatalf("snapshot as of %s: got no relationship %s, want it", n.AsOf, id)
	}
	return n.Relationships[i]
}

// TestDetailsHistoryReachesReview: an update effective 2026-06-01 keeps
// the old details, so a snapshot before then shows them and a review
// across the date reports the moved circle and the reduced arrangement.
func TestDetailsHistoryReachesReview(t *testing.T) {
	s, ctx := fresh(t)
	mustImport(t, s, ctx, family())
	if err := s.CreateRelationship(ctx, palRel()); err != nil {
		t.Fatalf("CreateRelationship: %v", err)
	}
	upd := palRel()
	upd.FromView, upd.Contact = inClosest, monthly
	if err := s.UpdateRelationship(ctx, upd, d("2026-06-01")); err != nil {
		t.Fatalf("UpdateRelationship: %v", err)
	}
	got, err := s.Relationship(ctx, "t-rel9")
	if err != nil {
		t.Fatalf("Relationship: %v", err)
	}
	want := upd
	want.History = []graph.Version{{Until: d("2026-05-31"), FromView: inClose, Contact: weekly}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stored record: got %+v, want %+v", got, want)
	}

	before, err := s.Network(ctx, "t-ava", d("2026-01-01"))
	if err != nil {
		t.Fatalf("Network before: %v", err)
	}
	after, err := s.Network(ctx, "t-ava", d("2026-10-01"))
	if err != nil {
		t.Fatalf("Network after: %v", err)
	}
	if r := relIn(t, before, "t-rel9"); !reflect.DeepEqual(r, palRel()) {
		t.Errorf("as of 2026-01-01: got %+v, want the details before the change and no history", r)
	}
	if r := relIn(t, after, "t-rel9"); !reflect.DeepEqual(r, upd) {
		t.Errorf("as of 2026-10-01: got %+v, want the details after the change and no history", r)
	}
	auth, err := s.Authority(ctx, d("2026-01-01"))
	if err != nil {
		t.Fatalf("Authority: %v", err)
	}
	if r := relIn(t, auth, "t-rel9"); !reflect.DeepEqual(r, palRel()) {
		t.Errorf("authority as of 2026-01-01: got %+v, want the details before the change", r)
	}
	doc, err := s.Export(ctx)
	if err != nil {
		t.Fatalf("Export: %v", err)
	}
	if i := slices.IndexFunc(doc.Relationships, func(r graph.Relationship) bool { return r.ID == "t-rel9" }); i < 0 || !reflect.DeepEqual(doc.Relationships[i], want) {
		t.Errorf("export: got %+v, want the record with its history", doc.Relationships)
	}

	var kinds []analysis.ChangeKind
	for _, c := range analysis.Review(before, after) {
		if c.Relationship == "t-rel9" {
			kinds = append(kinds, c.Kind)
		}
	}
	if !slices.Contains(kinds, analysis.MovedCircle) || !slices.Contains(kinds, analysis.ContactDropped) {
		t.Errorf("review changes for t-rel9: got %v, want moved_circle and contact_dropped", kinds)
	}
}

func TestUpdateRelationshipKeepsHistory(t *testing.T) {
	s, ctx := fresh(t)
	mustImport(t, s, ctx, family())
	if err := s.CreateRelationship(ctx, palRel()); err != nil {
		t.Fatalf("CreateRelationship: %v", err)
	}
	first := graph.Version{Until: d("2026-05-31"), FromView: inClose, Contact: weekly}
	history := func() []graph.Version {
		t.Helper()
		r, err := s.Relationship(ctx, "t-rel9")
		if err != nil {
			t.Fatalf("Relationship: %v", err)
		}
		return r.History
	}
	update := func(effective graph.Date, change func(*graph.Relationship)) error {
		t.Helper()
		r, err := s.Relationship(ctx, "t-rel9")
		if err != nil {
			t.Fatalf("Relationship: %v", err)
		}
		r.History = nil
		change(&r)
		return s.UpdateRelationship(ctx, r, effective)
	}
	steps := []struct {
		name      string
		effective string
		change    func(*graph.Relationship)
		field     string // "" when the update succeeds
		history   []graph.Version
	}{
		{"effective before since", "2019-12-31", func(r *graph.Relationship) { r.FromView = inClosest }, "effective", nil},
		{"only notes change: no version", "2026-06-01", func(r *graph.Relationship) { r.Notes = "met at school" }, "", nil},
		{"circle and contact change", "2026-06-01", func(r *graph.Relationship) { r.FromView, r.Contact = inClosest, monthly }, "",
			[]graph.Version{first}},
		{"effective before the last change", "2026-05-31", func(r *graph.Relationship) { r.Contact = weekly }, "effective",
			[]graph.Version{first}},
		{"again on the same day: replaced, no version", "2026-06-01", func(r *graph.Relationship) { r.Contact = weekly }, "",
			[]graph.Version{first}},
		{"a later change adds a version", "2026-08-01", func(r *graph.Relationship) {
			r.Restriction = &graph.Restriction{Kind: graph.RestrictSupervised, Basis: graph.BasisAssessment}
		}, "", []graph.Version{first, {Until: d("2026-07-31"), FromView: inClosest, Contact: weekly}}},
		{"since moved past a version", "2026-09-01", func(r *graph.Relationship) { r.Since = d("2026-07-01"); r.Contact = nil },
			"history[0].until", []graph.Version{first, {Until: d("2026-07-31"), FromView: inClosest, Contact: weekly}}},
	}
	for _, st := range steps {
		err := update(d(st.effective), st.change)
		switch {
		case st.field == "" && err != nil:
			t.Errorf("%s: got %v, want success", st.name, err)
		case st.field != "" && (!errors.Is(err, graph.ErrInvalid) || !slices.ContainsFunc(graph.Fields(err), func(e *graph.Error) bool { return e.Field == st.field })):
			t.Errorf("%s: got %v, want ErrInvalid naming %s", st.name, err, st.field)
		}
		if got := history(); !reflect.DeepEqual(got, st.history) {
			t.Errorf("%s: got history %+v, want %+v", st.name, got, st.history)
		}
	}

	// History in the body: the stored one is fine, anything else refused.
	r, _ := s.Relationship(ctx, "t-rel9")
	r.Notes = "keeps its history"
	if err := s.UpdateRelationship(ctx, r, graph.Date{}); err != nil {
		t.Errorf("update with the stored history: got %v, want success", err)
	}
	r.History = r.History[:1]
	if err := s.UpdateRelationship(ctx, r, graph.Date{}); !errors.Is(err, graph.ErrInvalid) || graph.Fields(err)[0].Field != "history" {
		t.Errorf("update with another history: got %v, want ErrInvalid on history", err)
	}
	r.History[0].Contact = monthly
	if err := s.UpdateRelationship(ctx, r, graph.Date{}); !errors.Is(err, graph.ErrInvalid) || graph.Fields(err)[0].Field != "history" {
		t.Errorf("update with a rewritten history: got %v, want ErrInvalid on history", err)
	}
	if got := history(); len(got) != 2 {
		t.Errorf("after refused updates: got %d versions, want 2", len(got))
	}
	withHistory := palRel()
	withHistory.ID = "t-rel10"
	withHistory.History = []graph.Version{first}
	if err := s.CreateRelationship(ctx, withHistory); !errors.Is(err, graph.ErrInvalid) || graph.Fields(err)[0].Field != "history" {
		t.Errorf("create with history: got %v, want ErrInvalid on history", err)
	}
}

// TestUpdateWithoutEffectiveVersionsToYesterday: a zero effective date is
// today, so the stored details held until yesterday.
func TestUpdateWithoutEffectiveVersionsToYesterday(t *testing.T) {
	s, ctx := fresh(t)
	mustImport(t, s, ctx, family())
	r, _ := s.Relationship(ctx, "t-rel3")
	old := r.Details(graph.Today().AddDays(-1))
	r.FromView = &graph.View{Circle: graph.CircleClose}
	if err := s.UpdateRelationship(ctx, r, graph.Date{}); err != nil {
		t.Fatalf("UpdateRelationship: %v", err)
	}
	got, _ := s.Relationship(ctx, "t-rel3")
	if len(got.History) != 1 || !reflect.DeepEqual(got.History[0], old) {
		t.Errorf("history: got %+v, want one version until yesterday %+v", got.History, old)
	}
}
