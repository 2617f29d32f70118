package api

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/kinmap/kinmap/graph"
	"github.com/labstack/echo/v4"
)

// inNetwork refuses (404, audited as denied) a record that is not in the
// network of the path's child, as the API's record scope would, and
// names it on the audit event.
func (s *Server) inNetwork(c echo.Context, id graph.ID, kind string) error {
	kids, err := s.scopes.ScopeChildren(c.Request().Context(), []graph.ID{c.Param("id")}, id, kind, graph.DateOf(s.today()))
	if err != nil {
		return err
	}
	if len(kids) == 0 {
		return &deniedError{errOutOfScope}
	}
	c.Set(recordKey, id)
	return nil
}

func dateText(d graph.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// relValues is a relationship as the form's values, seen from child.
func relValues(r graph.Relationship, child graph.ID) url.Values {
	v := url.Values{}
	v.Set("person", r.Other(child))
	v.Set("kind", string(r.Kind))
	v.Set("sibling_type", string(r.SiblingType))
	v.Set("since", dateText(r.Since))
	if view := r.ViewOf(child); view != nil {
		v.Set("view.circle", string(view.Circle))
		v.Set("view.words", view.Words)
	}
	if a := r.Contact; a != nil {
		v.Set("contact.mode", string(a.Mode))
		v.Set("contact.frequency", string(a.Frequency))
		v.Set("contact.via", a.Via)
		if a.Supervised {
			v.Set("contact.supervised", "yes")
		}
	}
	if x := r.Restriction; x != nil {
		v.Set("restriction.kind", string(x.Kind))
		v.Set("restriction.basis", string(x.Basis))
	}
	if x := r.Separation; x != nil {
		v.Set("separation.reason", string(x.Reason))
		v.Set("separation.decided", dateText(x.Decided))
	}
	return v
}

func (s *Server) editRelationshipForm(c echo.Context, n *graph.Network, r graph.Relationship) *form {
	f := s.relationshipForm(c, n, "")
	f.Title, f.Submit = "Change a relationship", "Save changes"
	f.Action = s.childURL(c) + "/relationships/" + r.ID + "/edit"
	f.Intro = "The details as they were are kept in the record's history, up to the day before the changes take effect."
	who := f.field("person")
	who.Label = "With"
	for _, o := range who.Options {
		if o.Value == r.Other(c.Param("id")) {
			who.Options = []option{o}
		}
	}
	f.Sets[0].Fields = append(f.Sets[0].Fields, &field{Name: "effective", Label: "The changes take effect from", Type: "date", Hint: dateHint})
	return f
}

// editRelationshipWeb shows and saves the change of a relationship's
// details (update_relationship), through the store's versioned update.
func (s *Server) editRelationshipWeb(c echo.Context) error {
	id := c.Param("rel")
	if err := s.inNetwork(c, id, "relationship"); err != nil {
		return err
	}
	ctx := c.Request().Context()
	old, err := s.records.Relationship(ctx, id)
	if err != nil {
		return err
	}
	n, _, err := s.networkOf(c)
	if err != nil {
		return err
	}
	f := s.editRelationshipForm(c, n, old)
	child := c.Param("id")
	if c.Request().Method == http.MethodGet {
		v := relValues(old, child)
		v.Set("effective", graph.DateOf(s.today()).String())
		f.fill(v)
		return s.showForm(c, f)
	}
	v := formValues(c)
	v.Set("person", old.Other(child))
	f.fill(v)
	r := relationshipFromForm(f, v, child)
	// The ends stay as stored (a parent stays the From end), and so does
	// the other person's own view; only the details change.
	r.ID, r.From, r.To, r.Until, r.Notes = old.ID, old.From, old.To, old.Until, old.Notes
	r.Said = old.Said // the form does not edit the views people gave
	if r.Kind.Directed() != old.Kind.Directed() {
		f.field("kind").Error = "A relationship cannot change between a mutual kind and a parent or carer kind: end it and add a new one"
		f.Errors = append(f.Errors, fieldProblem{Field: "kind", Label: "Relationship to the child", Message: f.field("kind").Error})
	}
	childView := r.FromView
	if r.Kind.Directed() {
		childView = r.ToView
	}
	if old.From == child {
		r.FromView, r.ToView = childView, old.ToView
	} else {
		r.FromView, r.ToView = old.FromView, childView
	}
	effective := graph.DateOf(s.today())
	f.dates(v, map[string]*graph.Date{"effective": &effective})
	if len(f.Errors) == 0 {
		err := r.Validate()
		if err == nil {
			err = s.records.UpdateRelationship(ctx, r, effective)
		}
		if err == nil {
			return s.done(c, "The relationship was changed.")
		}
		if !f.problems(err, relField(child, r)) {
			return err
		}
	}
	return s.showForm(c, f)
}

// editPersonWeb shows and saves a person's details (update_person).
func (s *Server) editPersonWeb(c echo.Context) error {
	id := c.Param("person")
	if err := s.inNetwork(c, id, "person"); err != nil {
		return err
	}
	ctx := c.Request().Context()
	old, err := s.records.Person(ctx, id)
	if err != nil {
		return err
	}
	f := s.personForm(c)
	f.Title, f.Submit, f.Intro = "Change "+old.DisplayName()+"'s details", "Save changes", ""
	f.Action = s.childURL(c) + "/people/" + id + "/edit"
	if c.Request().Method == http.MethodGet {
		v := url.Values{"full_name": {old.FullName}, "known_as": {old.KnownAs}, "date_of_birth": {dateText(old.DateOfBirth)},
			"age_band": {string(old.AgeBand)}, "looked_after_since": {dateText(old.LookedAfterSince)}, "notes": {old.Notes}}
		if old.LookedAfter {
			v.Set("looked_after", "yes")
		}
		f.fill(v)
		return s.showForm(c, f)
	}
	v := formValues(c)
	f.fill(v)
	p := old
	p.FullName, p.KnownAs = strings.TrimSpace(v.Get("full_name")), strings.TrimSpace(v.Get("known_as"))
	p.AgeBand, p.LookedAfter, p.Notes = graph.AgeBand(v.Get("age_band")), v.Get("looked_after") != "", v.Get("notes")
	p.DateOfBirth, p.LookedAfterSince = graph.Date{}, graph.Date{}
	f.dates(v, map[string]*graph.Date{"date_of_birth": &p.DateOfBirth, "looked_after_since": &p.LookedAfterSince})
	if len(f.Errors) == 0 {
		err := p.Validate()
		if err == nil {
			err = s.records.UpdatePerson(ctx, p)
		}
		if err == nil {
			return s.done(c, p.DisplayName()+"'s details were changed.")
		}
		if !f.problems(err, nil) {
			return err
		}
	}
	return s.showForm(c, f)
}
