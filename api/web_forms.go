package api

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/kinmap/kinmap/graph"
	"github.com/labstack/echo/v4"
)

const dateHint = "Year-month-day, for example 2024-03-31"

// networkOf loads the child's network today, for a form's choices.
func (s *Server) networkOf(c echo.Context) (*graph.Network, *graph.Index, error) {
	n, err := s.networks.Network(c.Request().Context(), c.Param("id"), graph.DateOf(s.today()))
	if err != nil {
		return nil, nil, err
	}
	return n, graph.NewIndex(n), nil
}

// peopleOptions lists the people of the child's network but the child,
// and extra (a person just added, not linked yet) when it is unattached.
func (s *Server) peopleOptions(ctx context.Context, n *graph.Network, child, extra graph.ID, withChild bool) []option {
	out := []option{{"", "Choose a person"}}
	seen := false
	for _, p := range n.People {
		if p.ID == child && !withChild {
			continue
		}
		seen = seen || p.ID == extra
		out = append(out, option{p.ID, p.DisplayName()})
	}
	if extra != "" && !seen && graph.ValidID(extra) {
		if free, err := s.scopes.Unattached(ctx, extra, "person"); err == nil && free {
			if p, err := s.records.Person(ctx, extra); err == nil {
				out = append(out, option{p.ID, p.DisplayName()})
			}
		}
	}
	return out
}

// viaOptions are the people a contact may go through: the network's,
// with "directly" first.
func viaOptions(people []option) []option {
	return append([]option{{"", "Directly, not through anyone"}}, people[1:]...)
}

func householdOptions(n *graph.Network) []option {
	out := []option{{"", "Choose a home"}}
	for _, h := range n.Households {
		out = append(out, option{h.ID, homeText(&h)})
	}
	return out
}

func (s *Server) childURL(c echo.Context) string { return "/children/" + c.Param("id") }

// done flashes msg and goes back to the child's page.
func (s *Server) done(c echo.Context, msg string) error {
	s.flash(c, msg)
	return c.Redirect(http.StatusSeeOther, s.childURL(c))
}

// formValues reads the posted form (its size bounded by webSession).
func formValues(c echo.Context) url.Values {
	v, err := c.FormParams()
	if err != nil {
		return url.Values{}
	}
	return v
}

// --- person ---

func (s *Server) personForm(c echo.Context) *form {
	return &form{Title: "Add a person", Action: s.childURL(c) + "/people", Submit: "Add person", Back: s.childURL(c),
		Intro: "Add someone who matters to this child. You can then say how they are related.",
		Sets: []fieldset{{Fields: []*field{
			{Name: "full_name", Label: "Full name"},
			{Name: "known_as", Label: "Known as (optional)", Hint: "The name the child uses for them"},
			{Name: "date_of_birth", Label: "Date of birth (optional)", Type: "date", Hint: dateHint},
			{Name: "age_band", Label: "Age, if the date of birth is not known", Type: "select",
				Options: append([]option{{"", "Not known"}}, option{"under_5", "under 5"}, option{"5_to_11", "5 to 11"},
					option{"12_to_15", "12 to 15"}, option{"16_to_17", "16 or 17"}, option{"adult", "adult"})},
			{Name: "looked_after", Label: "Looked after (in care)", Type: "checkbox"},
			{Name: "looked_after_since", Label: "Looked after since (optional)", Type: "date", Hint: dateHint},
			{Name: "notes", Label: "Notes (optional)", Type: "textarea"},
		}}}}
}

func (s *Server) newPerson(c echo.Context) error { return s.showForm(c, s.personForm(c)) }

func (s *Server) createPersonWeb(c echo.Context) error {
	f := s.personForm(c)
	v := formValues(c)
	f.fill(v)
	p := graph.Person{FullName: strings.TrimSpace(v.Get("full_name")), KnownAs: strings.TrimSpace(v.Get("known_as")),
		AgeBand: graph.AgeBand(v.Get("age_band")), LookedAfter: v.Get("looked_after") != "", Notes: v.Get("notes")}
	f.dates(v, map[string]*graph.Date{"date_of_birth": &p.DateOfBirth, "looked_after_since": &p.LookedAfterSince})
	if len(f.Errors) == 0 {
		err := saveNew(s, c, &p, "p-", func(p *graph.Person) *string { return &p.ID }, nil, s.records.CreatePerson)
		if err == nil {
			s.flash(c, p.DisplayName()+" was added. Now say how they are related.")
			return c.Redirect(http.StatusSeeOther, s.childURL(c)+"/relationships/new?person="+url.QueryEscape(p.ID))
		}
		if !f.problems(err, nil) {
			return err
		}
	}
	return s.showForm(c, f)
}

// --- relationship ---

func (s *Server) relationshipForm(c echo.Context, n *graph.Network, extra graph.ID) *form {
	return &form{Title: "Add a relationship", Action: s.childURL(c) + "/relationships", Submit: "Save relationship", Back: s.childURL(c),
		Sets: []fieldset{
			{Fields: []*field{
				{Name: "person", Label: "Who", Type: "select", Options: s.peopleOptions(c.Request().Context(), n, c.Param("id"), extra, false)},
				{Name: "kind", Label: "Relationship to the child", Type: "select", Options: options(graph.RelKinds, "Choose")},
				{Name: "sibling_type", Label: "For a brother or sister: what kind", Type: "select", Options: options(graph.SiblingTypes, "Not a brother or sister")},
				{Name: "since", Label: "Since (optional)", Type: "date", Hint: dateHint},
			}},
			{Legend: "How the child sees them", Fields: []*field{
				{Name: "view.circle", Label: "Which circle the child puts them in", Type: "select", Options: options(graph.Circles, "Not asked yet")},
				{Name: "view.words", Label: "In the child's own words (optional)", Hint: "For example: my big sister Amy"},
			}},
			{Legend: "Contact", Fields: []*field{
				{Name: "contact.mode", Label: "Contact arrangement", Type: "select", Options: options(graph.ContactModes, "None planned yet")},
				{Name: "contact.frequency", Label: "How often", Type: "select", Options: options(graph.Frequencies, "Not set")},
				{Name: "contact.supervised", Label: "Supervised", Type: "checkbox"},
				{Name: "contact.via", Label: "Through someone else (optional)", Hint: "Letterbox contact through an adoption team, or contact through a keyworker: the person or service it goes through",
					Type: "select", Options: viaOptions(s.peopleOptions(c.Request().Context(), n, c.Param("id"), "", false))},
				{Name: "restriction.kind", Label: "Restriction on contact", Type: "select",
					Options: []option{{"", "No restriction"}, {"no_contact", words("no_contact")}, {"supervised_only", words("supervised_only")}}},
				{Name: "restriction.basis", Label: "The restriction rests on", Type: "select",
					Options: []option{{"", "Choose"}, {"order", words("order")}, {"assessment", words("assessment")}}},
			}},
			{Legend: "If brothers and sisters live apart", Fields: []*field{
				{Name: "separation.reason", Label: "Why they live apart", Type: "select", Options: options(graph.SeparationReasons, "Not recorded")},
				{Name: "separation.decided", Label: "Date of the decision", Type: "date", Hint: dateHint},
			}},
		}}
}

func (s *Server) newRelationship(c echo.Context) error {
	n, _, err := s.networkOf(c)
	if err != nil {
		return err
	}
	f := s.relationshipForm(c, n, c.QueryParam("person"))
	f.field("person").Value = c.QueryParam("person")
	return s.showForm(c, f)
}

// relationshipFromForm builds the relationship: the child is From for
// mutual kinds and To when the other person is their parent, grandparent
// or carer; the child's view goes on the child's end.
func relationshipFromForm(f *form, v url.Values, child graph.ID) graph.Relationship {
	r := graph.Relationship{Kind: graph.RelKind(v.Get("kind")), SiblingType: graph.SiblingType(v.Get("sibling_type"))}
	other := v.Get("person")
	var view *graph.View
	if circle, w := v.Get("view.circle"), strings.TrimSpace(v.Get("view.words")); circle != "" || w != "" {
		view = &graph.View{Circle: graph.Circle(circle), Words: w}
	}
	if r.Kind.Directed() {
		r.From, r.To, r.ToView = other, child, view
	} else {
		r.From, r.To, r.FromView = child, other, view
	}
	if m := v.Get("contact.mode"); m != "" || v.Get("contact.frequency") != "" || v.Get("contact.via") != "" {
		r.Contact = &graph.Arrangement{Mode: graph.ContactMode(m), Frequency: graph.Frequency(v.Get("contact.frequency")),
			Supervised: v.Get("contact.supervised") != "", Via: v.Get("contact.via")}
	}
	if k := v.Get("restriction.kind"); k != "" || v.Get("restriction.basis") != "" {
		r.Restriction = &graph.Restriction{Kind: graph.RestrictionKind(k), Basis: graph.RestrictionBasis(v.Get("restriction.basis"))}
	}
	if reason := v.Get("separation.reason"); reason != "" || v.Get("separation.decided") != "" {
		r.Separation = &graph.Separation{Reason: graph.SeparationReason(reason)}
		f.dates(v, map[string]*graph.Date{"separation.decided": &r.Separation.Decided})
	}
	f.dates(v, map[string]*graph.Date{"since": &r.Since})
	return r
}

// relField maps a relationship's field path to the form's field.
func relField(child graph.ID, r graph.Relationship) func(string) string {
	return func(name string) string {
		for _, p := range []string{"from_view", "to_view"} {
			if rest, ok := strings.CutPrefix(name, p+"."); ok {
				return "view." + rest
			}
		}
		if name == "from" || name == "to" {
			return "person"
		}
		return name
	}
}

func (s *Server) createRelationshipWeb(c echo.Context) error {
	n, _, err := s.networkOf(c)
	if err != nil {
		return err
	}
	v := formValues(c)
	f := s.relationshipForm(c, n, v.Get("person"))
	f.fill(v)
	r := relationshipFromForm(f, v, c.Param("id"))
	if len(f.Errors) == 0 {
		err := saveNew(s, c, &r, "rel-", func(r *graph.Relationship) *string { return &r.ID }, relationshipRefs, s.records.CreateRelationship)
		if err == nil {
			return s.done(c, "The relationship was saved.")
		}
		if !f.problems(err, relField(c.Param("id"), r)) {
			return err
		}
	}
	return s.showForm(c, f)
}

// --- contact ---

func (s *Server) contactForm(c echo.Context, n *graph.Network) *form {
	return &form{Title: "Record contact", Action: s.childURL(c) + "/contacts", Submit: "Record contact", Back: s.childURL(c),
		Sets: []fieldset{{Fields: []*field{
			{Name: "to", Label: "Contact with", Type: "select", Options: s.peopleOptions(c.Request().Context(), n, c.Param("id"), "", false)},
			{Name: "date", Label: "Date of the contact", Type: "date", Hint: dateHint},
			{Name: "kind", Label: "What kind of contact", Type: "select", Options: options(graph.ContactKinds, "Choose")},
			{Name: "notes", Label: "Notes (optional)", Type: "textarea"},
		}}}}
}

func (s *Server) newContact(c echo.Context) error {
	n, _, err := s.networkOf(c)
	if err != nil {
		return err
	}
	f := s.contactForm(c, n)
	f.field("date").Value = graph.DateOf(s.today()).String()
	return s.showForm(c, f)
}

func (s *Server) createContactWeb(c echo.Context) error {
	n, _, err := s.networkOf(c)
	if err != nil {
		return err
	}
	f := s.contactForm(c, n)
	v := formValues(c)
	f.fill(v)
	ct := graph.Contact{From: c.Param("id"), To: v.Get("to"), Kind: graph.ContactKind(v.Get("kind")), Notes: v.Get("notes")}
	f.dates(v, map[string]*graph.Date{"date": &ct.Date})
	if len(f.Errors) == 0 {
		err := saveNew(s, c, &ct, "c-", func(r *graph.Contact) *string { return &r.ID }, contactRefs, s.records.CreateContact)
		if err == nil {
			return s.done(c, "The contact was recorded.")
		}
		if !f.problems(err, func(n string) string {
			if n == "from" {
				return "to"
			}
			return n
		}) {
			return err
		}
	}
	return s.showForm(c, f)
}

// --- household ---

func (s *Server) householdForm(c echo.Context) *form {
	return &form{Title: "Add a home", Action: s.childURL(c) + "/households", Submit: "Add home", Back: s.childURL(c),
		Intro: "Add a home someone in this child's network lives in. Then record who moved there.",
		Sets: []fieldset{{Fields: []*field{
			{Name: "kind", Label: "Kind of home", Type: "select", Options: options(graph.HouseholdKinds, "Choose")},
			{Name: "name", Label: "Short name", Hint: "For example: Gran's house, or Foster home (Smith)"},
			{Name: "locality", Label: "Town or area (optional)"},
			{Name: "council_area", Label: "Council area (optional)", Type: "select", Options: councilOptions()},
			{Name: "address", Label: "Address (optional)", Type: "textarea"},
			{Name: "confidential", Label: "The address is confidential (never shown to the family or the child)", Type: "checkbox"},
		}}}}
}

func (s *Server) newHousehold(c echo.Context) error { return s.showForm(c, s.householdForm(c)) }

func (s *Server) createHouseholdWeb(c echo.Context) error {
	f := s.householdForm(c)
	v := formValues(c)
	f.fill(v)
	h := graph.Household{Kind: graph.HouseholdKind(v.Get("kind")), Name: strings.TrimSpace(v.Get("name")),
		Locality: strings.TrimSpace(v.Get("locality")), Address: strings.TrimSpace(v.Get("address")), Confidential: v.Get("confidential") != ""}
	h.CouncilArea = graph.CouncilArea(v.Get("council_area"))
	err := saveNew(s, c, &h, "h-", func(h *graph.Household) *string { return &h.ID }, nil, s.records.CreateHousehold)
	if err == nil {
		s.flash(c, "The home was added. Now record who lives there.")
		return c.Redirect(http.StatusSeeOther, s.childURL(c)+"/moves/new?household="+url.QueryEscape(h.ID))
	}
	if !f.problems(err, nil) {
		return err
	}
	return s.showForm(c, f)
}

// --- placement move ---

func (s *Server) moveForm(c echo.Context, n *graph.Network, extraHousehold graph.ID) *form {
	homes := householdOptions(n)
	if extraHousehold != "" && graph.ValidID(extraHousehold) {
		ctx := c.Request().Context()
		if free, err := s.scopes.Unattached(ctx, extraHousehold, "household"); err == nil && free {
			if h, err := s.records.Household(ctx, extraHousehold); err == nil {
				homes = append(homes, option{h.ID, homeText(&h)})
			}
		}
	}
	return &form{Title: "Record a move", Action: s.childURL(c) + "/moves", Submit: "Record move", Back: s.childURL(c),
		Intro: "Record that someone moved to a home from a date. Their current home ends the day before.",
		Sets: []fieldset{{Fields: []*field{
			{Name: "person", Label: "Who moved", Type: "select", Options: s.peopleOptions(c.Request().Context(), n, c.Param("id"), "", true)},
			{Name: "household", Label: "To which home", Type: "select", Options: homes},
			{Name: "from", Label: "From", Type: "date", Hint: dateHint},
		}}}}
}

func (s *Server) newMove(c echo.Context) error {
	n, _, err := s.networkOf(c)
	if err != nil {
		return err
	}
	f := s.moveForm(c, n, c.QueryParam("household"))
	f.field("household").Value = c.QueryParam("household")
	return s.showForm(c, f)
}

func (s *Server) moveWeb(c echo.Context) error {
	n, _, err := s.networkOf(c)
	if err != nil {
		return err
	}
	v := formValues(c)
	f := s.moveForm(c, n, v.Get("household"))
	f.fill(v)
	r := graph.Residence{ID: "res-" + newID(), Person: v.Get("person"), Household: v.Get("household")}
	f.dates(v, map[string]*graph.Date{"from": &r.From})
	if len(f.Errors) == 0 {
		c.Set(recordKey, r.ID)
		err := r.Validate()
		if err == nil {
			err = s.requireInScope(c, []ref{{"person", "person", r.Person}, {"household", "household", r.Household}})
		}
		if err == nil {
			_, err = s.records.Move(c.Request().Context(), r)
		}
		if err == nil {
			return s.done(c, "The move was recorded.")
		}
		if !f.problems(err, nil) {
			return err
		}
	}
	return s.showForm(c, f)
}

// --- ending a relationship or a home ---

func (s *Server) endForm(c echo.Context, what, param string) *form {
	return &form{Title: "End " + what, Action: s.childURL(c) + "/" + param + "/" + c.Param(param[:3]) + "/end",
		Submit: "End " + what, Back: s.childURL(c),
		Intro: "The record is kept as history; it ends on the date you give.",
		Sets:  []fieldset{{Fields: []*field{{Name: "until", Label: "Last day", Type: "date", Hint: dateHint}}}}}
}

// endRecord ends record id (a relationship or residence of the child's
// network, checked as the API's record scope checks it).
func (s *Server) endRecord(c echo.Context, what, param, kind string, end func(context.Context, graph.ID, graph.Date) error) error {
	id := c.Param(param[:3])
	ctx := c.Request().Context()
	kids, err := s.scopes.ScopeChildren(ctx, []graph.ID{c.Param("id")}, id, kind, graph.DateOf(s.today()))
	if err != nil {
		return err
	}
	if len(kids) == 0 {
		return &deniedError{errOutOfScope}
	}
	c.Set(recordKey, id)
	f := s.endForm(c, what, param)
	if c.Request().Method == http.MethodGet {
		f.field("until").Value = graph.DateOf(s.today()).String()
		return s.showForm(c, f)
	}
	v := formValues(c)
	f.fill(v)
	var until graph.Date
	f.dates(v, map[string]*graph.Date{"until": &until})
	if len(f.Errors) == 0 {
		err := end(ctx, id, until)
		if err == nil {
			return s.done(c, "Ended: "+what+".")
		}
		if !f.problems(err, func(string) string { return "until" }) {
			return err
		}
	}
	return s.showForm(c, f)
}

func (s *Server) endRelationshipWeb(c echo.Context) error {
	return s.endRecord(c, "this relationship", "relationships", "relationship", s.records.EndRelationship)
}

func (s *Server) endResidenceWeb(c echo.Context) error {
	return s.endRecord(c, "this home", "residences", "residence", s.records.EndResidence)
}
