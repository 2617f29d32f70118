package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"slices"

	"github.com/kinmap/kinmap/graph"
	"github.com/labstack/echo/v4"
)

// newID returns a random id suffix for records created without one.
func newID() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// validator is a record that checks its own fields.
type validator interface{ Validate() error }

// createHandler decodes a record, gives it an id if it has none,
// validates it, checks that the records it refers to (refs; nil for
// none) are the caller's to link (requireInScope), stores it (the store
// validates again, with the references, before writing) and answers 201
// with it.
func createHandler[T validator](s *Server, prefix, base string, idOf func(*T) *string, refs func(*T) []ref,
	save func(context.Context, T) error) echo.HandlerFunc {
	return func(c echo.Context) error {
		var v T
		if err := decode(c, &v, MaxBodyBytes); err != nil {
			return err
		}
		if err := saveNew(s, c, &v, prefix, idOf, refs, save); err != nil {
			return err
		}
		id := idOf(&v)
		c.Response().Header().Set(echo.HeaderLocation, base+"/"+*id)
		return c.JSON(http.StatusCreated, v)
	}
}

// saveNew gives v an id if it has none, validates it, checks that the
// records it refers to are the caller's to link, and stores it: the one
// path of a new record, for the API and the web app alike.
// createUnderChild is POST /children/{id}/...: a record about the child
// in the path (the body's child, if given, must be it), saved as saveNew
// saves and answered 201 with its Location under path.
func createUnderChild[T validator](s *Server, c echo.Context, prefix, path string, childOf func(*T) *graph.ID,
	idOf func(*T) *string, refs func(*T) []ref, save func(context.Context, T) error) error {
	var v T
	if err := decode(c, &v, MaxBodyBytes); err != nil {
		return err
	}
	switch child := childOf(&v); {
	case *child == "":
		*child = c.Param("id")
	case *child != c.Param("id"):
		return graph.Invalid("child", "must match the child in the path")
	}
	if err := saveNew(s, c, &v, prefix, idOf, refs, save); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, path+*idOf(&v))
	return c.JSON(http.StatusCreated, v)
}

func saveNew[T validator](s *Server, c echo.Context, v *T, prefix string, idOf func(*T) *string, refs func(*T) []ref,
	save func(context.Context, T) error) error {
	id := idOf(v)
	if *id == "" {
		*id = prefix + newID()
	}
	c.Set(recordKey, *id)
	if err := (*v).Validate(); err != nil {
		return err
	}
	if refs != nil {
		if err := s.requireInScope(c, refs(v)); err != nil {
			return err
		}
	}
	return save(c.Request().Context(), *v)
}

// The records a new residence, relationship or contact links, for
// requireInScope.
func residenceRefs(r *graph.Residence) []ref {
	return []ref{{"person", "person", r.Person}, {"household", "household", r.Household}}
}

func relationshipRefs(r *graph.Relationship) []ref {
	return []ref{{"from", "person", r.From}, {"to", "person", r.To}}
}

func contactRefs(r *graph.Contact) []ref {
	return []ref{{"from", "person", r.From}, {"to", "person", r.To}}
}

// getHandler answers a record by its path id.
func getHandler[T any](load func(context.Context, graph.ID) (T, error)) echo.HandlerFunc {
	return func(c echo.Context) error {
		v, err := load(c.Request().Context(), c.Param("id"))
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, v)
	}
}

// updateHandler replaces a record; the body's id, if given, must match
// the path.
func updateHandler[T any](idOf func(*T) *string, save func(context.Context, T) error, load func(context.Context, graph.ID) (T, error)) echo.HandlerFunc {
	return func(c echo.Context) error {
		var v T
		if err := decode(c, &v, MaxBodyBytes); err != nil {
			return err
		}
		id := idOf(&v)
		switch {
		case *id == "":
			*id = c.Param("id")
		case *id != c.Param("id"):
			return graph.Invalid("id", "must match the id in the path")
		}
		ctx := c.Request().Context()
		if err := save(ctx, v); err != nil {
			return err
		}
		out, err := load(ctx, *id)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, out)
	}
}

// endBody is the body of POST .../{id}/end.
type endBody struct {
	Until graph.Date `json:"until"`
}

// endHandler ends a residence, relationship or assignment: history is
// kept, only the end date is set.
func endHandler[T any](end func(context.Context, graph.ID, graph.Date) error, load func(context.Context, graph.ID) (T, error)) echo.HandlerFunc {
	return func(c echo.Context) error {
		var b endBody
		if err := decode(c, &b, MaxBodyBytes); err != nil {
			return err
		}
		ctx := c.Request().Context()
		if err := end(ctx, c.Param("id"), b.Until); err != nil {
			return err
		}
		out, err := load(ctx, c.Param("id"))
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, out)
	}
}

// recordKey carries a created record's id to the audit trail.
const recordKey = "kinmap.record"

// createAssignment lets a manager allocate cases within their own teams;
// an admin may allocate any. Only a child can be allocated (a child who is
// looked after or being assessed: graph.Person.Allocatable).
// A manager may allocate a child already on their teams' caseloads, or a
// child nobody holds; anyone else answers 404, as if unknown.
func (s *Server) createAssignment(ctx context.Context, a graph.Assignment) error {
	p := principalFrom(ctx)
	day := graph.DateOf(s.today())
	if p.Role != graph.RoleAdmin {
		if !p.InTeam(a.Team) {
			return graph.Invalid("team", "must be one of your teams")
		}
		children, err := s.scopeOf(ctx, p)
		if err != nil {
			return err
		}
		if !slices.Contains(children, a.Child) {
			ok, err := s.scopes.Unallocated(ctx, a.Child, day)
			if err == nil && ok {
				ok, err = s.allocatable(ctx, a.Child, day)
			}
			if err != nil {
				return err
			}
			if !ok {
				return &deniedError{&graph.Error{Kind: graph.ErrNotFound, Field: "child",
					Message: "is neither on your teams' caseloads nor a child nobody holds"}}
			}
		}
	} else if person, err := s.records.Person(ctx, a.Child); err != nil {
		if errors.Is(err, graph.ErrNotFound) {
			// An unknown child is a 404 naming the field, like every
			// record's missing end.
			return graph.NotFound("child", "no such person")
		}
		return err
	} else if !person.Allocatable(day) {
		return graph.Invalid("child", "must be a child (under 18 by date of birth or age band, or looked after), not an adult, a pet or a person of unknown age")
	}
	return s.records.CreateAssignment(ctx, a)
}

// allocatable reports whether person id exists and may be allocated on
// day (an unknown id is not).
func (s *Server) allocatable(ctx context.Context, id graph.ID, day graph.Date) (bool, error) {
	person, err := s.records.Person(ctx, id)
	switch {
	case errors.Is(err, graph.ErrNotFound):
		return false, nil
	case err != nil:
		return false, err
	}
	return person.Allocatable(day), nil
}

// allocate is POST /assignments: the audit event names the child and the
// worker the case is for, whether or not the allocation is allowed.
func (s *Server) allocate(c echo.Context) error {
	return createHandler(s, "a-", "/api/v1/assignments", func(r *graph.Assignment) *string { return &r.ID }, nil,
		func(ctx context.Context, a graph.Assignment) error {
			c.Set(childKey, a.Child)
			c.Set(forUserKey, a.Worker)
			return s.createAssignment(ctx, a)
		})(c)
}

// forUserKey carries the user a change was made for to the audit trail.
const forUserKey = "kinmap.for_user"
