package analysis

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/internal/golden"
)

// CheckGolden compares v, as indented JSON, with testdata/name
// (internal/golden; -update rewrites it).
func CheckGolden(t *testing.T, name string, v any) {
	t.Helper()
	golden.CheckJSON(t, filepath.Join("testdata", name), v)
}

// The builder makes small synthetic networks by hand. All names are
// invented.

type builder struct{ n graph.Network }

func newNet(child, asOf string) *builder {
	return &builder{n: graph.Network{Child: child, AsOf: graph.MustDate(asOf)}}
}

func (b *builder) net() *graph.Network { return &b.n }

// child adds a person born on dob ("" for unknown), looked after since
// laSince ("" for not looked after, "-" for looked after since an
// unrecorded date).
func (b *builder) child(id, name, dob, laSince string) *builder {
	p := graph.Person{ID: id, FullName: name, KnownAs: strings.Fields(name)[0]}
	if dob != "" {
		p.DateOfBirth = graph.MustDate(dob)
	}
	switch laSince {
	case "":
	case "-":
		p.LookedAfter = true
	default:
		p.LookedAfter = true
		p.LookedAfterSince = graph.MustDate(laSince)
	}
	b.n.People = append(b.n.People, p)
	return b
}

// adult adds an adult of unrecorded date of birth. People are known as the
// first word of their name.
func (b *builder) adult(id, name string) *builder {
	b.n.People = append(b.n.People, graph.Person{ID: id, FullName: name, KnownAs: strings.Fields(name)[0], AgeBand: graph.AgeAdult})
	return b
}

func (b *builder) pet(id, name string) *builder {
	b.n.People = append(b.n.People, graph.Person{ID: id, FullName: name, Pet: true})
	return b
}

func (b *builder) home(id string, kind graph.HouseholdKind, name string) *builder {
	b.n.Households = append(b.n.Households, graph.Household{ID: id, Kind: kind, Name: name})
	return b
}

// lives records person in household from a date until a date ("" for
// still there).
func (b *builder) lives(person, household, from, until string) *builder {
	r := graph.Residence{ID: "res-" + person + "-" + household + "-" + from, Person: person, Household: household, From: graph.MustDate(from)}
	if until != "" {
		r.Until = graph.MustDate(until)
	}
	b.n.Residences = append(b.n.Residences, r)
	return b
}

type relOpt func(*graph.Relationship)

func (b *builder) rel(id, from, to string, kind graph.RelKind, opts ...relOpt) *builder {
	r := graph.Relationship{ID: id, From: from, To: to, Kind: kind}
	for _, o := range opts {
		o(&r)
	}
	b.n.Relationships = append(b.n.Relationships, r)
	return b
}

func (b *builder) sib(id, a, c string, t graph.SiblingType, opts ...relOpt) *builder {
	return b.rel(id, a, c, graph.RelSibling, append([]relOpt{func(r *graph.Relationship) { r.SiblingType = t }}, opts...)...)
}

func (b *builder) contact(a, c, date string) *builder {
	b.n.Contacts = append(b.n.Contacts, graph.Contact{ID: "con-" + a + "-" + c + "-" + date, From: a, To: c,
		Date: graph.MustDate(date), Kind: graph.ContactVisit})
	return b
}

// assessed records an assessment of child on date at stage.
func (b *builder) assessed(id, child, date string, stage graph.AssessmentStage) *builder {
	b.n.Assessments = append(b.n.Assessments, graph.Assessment{ID: id, Child: child, Date: graph.MustDate(date),
		Stage: stage, Worker: "worker-test"})
	return b
}

// action records a plan action of child about person (may be "") made
// on made, due on due, with status (changed on changed, "" for planned).
func (b *builder) action(id, child, person, made, due string, status graph.ActionStatus, changed string) *builder {
	a := graph.PlanAction{ID: id, Child: child, Person: person, What: "keep in touch", Owner: graph.OwnerWorker,
		Made: graph.MustDate(made), Due: graph.MustDate(due), Status: status}
	if changed != "" {
		a.StatusChanged = graph.MustDate(changed)
	}
	if status == graph.ActionNotDone {
		a.Reason = "could not be arranged"
	}
	b.n.PlanActions = append(b.n.PlanActions, a)
	return b
}

func since(d string) relOpt { return func(r *graph.Relationship) { r.Since = graph.MustDate(d) } }
func until(d string) relOpt { return func(r *graph.Relationship) { r.Until = graph.MustDate(d) } }

// circle records the view of the From end of the relationship.
func circle(c graph.Circle) relOpt {
	return func(r *graph.Relationship) { r.FromView = &graph.View{Circle: c} }
}

// circleTo records the view of the To end.
func circleTo(c graph.Circle) relOpt {
	return func(r *graph.Relationship) { r.ToView = &graph.View{Circle: c} }
}

func arranged(m graph.ContactMode, f graph.Frequency) relOpt {
	return func(r *graph.Relationship) { r.Contact = &graph.Arrangement{Mode: m, Frequency: f} }
}

func restricted(k graph.RestrictionKind) relOpt {
	return func(r *graph.Relationship) {
		r.Restriction = &graph.Restriction{Kind: k, Basis: graph.BasisOrder}
	}
}

// restrictedSince is restricted with the restriction in force from d.
func restrictedSince(k graph.RestrictionKind, d string) relOpt {
	return func(r *graph.Relationship) {
		r.Restriction = &graph.Restriction{Kind: k, Basis: graph.BasisOrder, Since: graph.MustDate(d)}
	}
}

func separated(reason graph.SeparationReason) relOpt {
	return func(r *graph.Relationship) { r.Separation = &graph.Separation{Reason: reason} }
}

// kinds returns the kinds of fs, for compact comparisons.
func kinds(fs []Flag) []FlagKind {
	out := make([]FlagKind, len(fs))
	for i, f := range fs {
		out[i] = f.Kind
	}
	return out
}

// only returns the flags of kind k.
func only(fs []Flag, k FlagKind) []Flag {
	var out []Flag
	for _, f := range fs {
		if f.Kind == k {
			out = append(out, f)
		}
	}
	return out
}

// validate fails the test when the hand-built network is not a valid
// document: tests should use data the importer would accept.
func validate(t *testing.T, n *graph.Network) {
	t.Helper()
	doc := graph.Document{Format: graph.Format, Records: n.Records}
	if err := doc.Validate(nil); err != nil {
		t.Fatalf("test network is invalid: %v", err)
	}
}

func jsonText(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}
