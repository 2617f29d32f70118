package api

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/kinmap/kinmap/graph"
	"github.com/labstack/echo/v4"
)

// scopeCacheKey carries a request's scopeCache in its context.
type scopeCacheKey struct{}

// scopeCache keeps the caller's scope for the rest of the request: the
// access check and a handler (a move, a new relationship) both need it,
// and a reviewing officer's costs a query per sibling group.
type scopeCache struct {
	done     bool
	children []graph.ID
}

// scopeOf returns the children p may see today: a worker's caseload, a
// manager's teams' caseloads (and their own), a reviewing officer's
// assigned children and everyone in those children's sibling groups.
// Evaluators and admins see no child. It is worked out once a request.
func (s *Server) scopeOf(ctx context.Context, p graph.Principal) ([]graph.ID, error) {
	cache, _ := ctx.Value(scopeCacheKey{}).(*scopeCache)
	if cache != nil && cache.done {
		return cache.children, nil
	}
	// Across requests, by store version: everything a scope depends on
	// is in the key or in the stored records.
	day := graph.DateOf(s.today())
	ver, versioned := requestVersion(ctx)
	key := scopeKey(p, day)
	children, hit := s.vcache.scopes.get(ver, key)
	var err error
	if !versioned || !hit {
		children, err = s.lookUpScope(ctx, p, day)
		if err == nil && versioned {
			s.vcache.scopes.put(ver, key, children)
		}
	}
	if err == nil && cache != nil {
		cache.done, cache.children = true, children
	}
	return children, err
}

// scopeKey names what a scope depends on besides the records: the
// principal's user, role and teams, and the day.
func scopeKey(p graph.Principal, day graph.Date) string {
	teams := make([]string, len(p.Teams))
	for i, t := range p.Teams {
		teams[i] = strconv.Quote(t)
	}
	slices.Sort(teams)
	return cacheKey(strconv.Quote(p.User), strconv.Quote(string(p.Role)), strings.Join(teams, ","), day.String())
}

func (s *Server) lookUpScope(ctx context.Context, p graph.Principal, day graph.Date) ([]graph.ID, error) {
	switch p.Role {
	case graph.RoleWorker:
		return s.scopes.Caseload(ctx, p.User, day)
	case graph.RoleManager:
		own, err := s.scopes.Caseload(ctx, p.User, day)
		if err != nil {
			return nil, err
		}
		team, err := s.scopes.TeamCaseload(ctx, p.Teams, day)
		if err != nil {
			return nil, err
		}
		return union(own, team), nil
	case graph.RoleReviewingOfficer:
		own, err := s.scopes.Caseload(ctx, p.User, day)
		if err != nil {
			return nil, err
		}
		out := own
		for _, child := range own {
			n, err := s.networks.SiblingNetwork(ctx, child, day)
			if err != nil && !errors.Is(err, graph.ErrNotFound) {
				return nil, err
			}
			if n != nil {
				for _, q := range n.People {
					out = append(out, q.ID)
				}
			}
		}
		return union(out, nil), nil
	}
	return nil, nil
}

// scopeChildren returns the children p may see in whose network record
// id of kind lies (none: out of scope).
func (s *Server) scopeChildren(ctx context.Context, p graph.Principal, id graph.ID, kind string) ([]graph.ID, error) {
	children, err := s.scopeOf(ctx, p)
	if err != nil || len(children) == 0 {
		return nil, err
	}
	return s.scopes.ScopeChildren(ctx, children, id, kind, graph.DateOf(s.today()))
}

// ref is a record a write names: the body's field, the record's kind
// (person or household) and its id.
type ref struct {
	field, kind string
	id          graph.ID
}

// requireInScope refuses a write unless every record it names is in the
// network of a child the caller may see, or is attached to nothing yet
// (a person or household just created), and at least one person named is
// in that network. So a worker can add a new person or home to a child's
// network, but cannot pull someone else's records (a carer's address, a
// child on another caseload) into their own scope by linking to them.
// Records outside scope answer 404 naming the field, whether or not they
// exist. The first child of the caller's own scope that the write names
// is recorded as the audit event's child.
func (s *Server) requireInScope(c echo.Context, refs []ref) error {
	ctx := c.Request().Context()
	children, err := s.scopeOf(ctx, principal(c))
	if err != nil {
		return err
	}
	var probs graph.Problems
	anchor := ""
	for _, r := range refs {
		if r.kind == "person" && slices.Contains(children, r.id) && c.Get(childKey) == nil {
			c.Set(childKey, r.id)
		}
		var kids []graph.ID
		if len(children) > 0 {
			if kids, err = s.scopes.ScopeChildren(ctx, children, r.id, r.kind, graph.DateOf(s.today())); err != nil {
				return err
			}
		}
		if len(kids) > 0 {
			if r.kind == "person" && anchor == "" {
				anchor = r.field
			}
			continue
		}
		free, err := s.scopes.Unattached(ctx, r.id, r.kind)
		if err != nil {
			return err
		}
		if !free {
			probs = append(probs, &graph.Error{Kind: graph.ErrNotFound, Field: r.field, Message: "is not in your caseload's networks"})
		}
	}
	if err := probs.Err(); err != nil {
		return &deniedError{err}
	}
	if anchor == "" && len(refs) > 0 {
		return &deniedError{&graph.Error{Kind: graph.ErrNotFound, Field: refs[0].field, Message: "must be someone in your caseload's networks"}}
	}
	return nil
}

// deniedError marks a 404 that refused access to records outside the
// caller's scope, so the audit trail records it as denied.
type deniedError struct{ err error }

func (e *deniedError) Error() string { return e.err.Error() }
func (e *deniedError) Unwrap() error { return e.err }

func union(a, b []graph.ID) []graph.ID {
	out := append(slices.Clone(a), b...)
	slices.Sort(out)
	return slices.Compact(out)
}
