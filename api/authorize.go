package api

import (
	"context"
	"errors"
	"net/http"
	"slices"

	"github.com/kinmap/kinmap/auth"
	"github.com/kinmap/kinmap/graph"
	"github.com/labstack/echo/v4"
)

// Authenticator tells who is calling. package auth implements it (API
// tokens and OIDC bearer tokens).
type Authenticator interface {
	Authenticate(ctx context.Context, r *http.Request) (graph.Principal, error)
}

const principalKey = "kinmap.principal"

// childKey carries the child a write concerns to the audit trail.
const childKey = "kinmap.child"

// principalCtxKey carries the principal in the request context too, for
// handlers that only see a context.
type principalCtxKey struct{}

func principalFrom(ctx context.Context) graph.Principal {
	p, _ := ctx.Value(principalCtxKey{}).(graph.Principal)
	return p
}

// principal returns the authenticated caller of c (zero when none).
func principal(c echo.Context) graph.Principal {
	p, _ := c.Get(principalKey).(graph.Principal)
	return p
}

var (
	errUnauthenticated = &httpError{http.StatusUnauthorized, "unauthorized", "a valid bearer token is required"}
	errForbidden       = &httpError{http.StatusForbidden, "forbidden", "your role may not use this route"}
	// errOutOfScope is a 404, not a 403: whether a child exists is not
	// told to those who may not see the child.
	errOutOfScope = &graph.Error{Kind: graph.ErrNotFound, Field: "id", Message: "no such record"}
)

// access enforces the rules table on every request, then records the
// outcome in the audit trail. Routes that are not registered fall
// through to the 404/405 handlers; registered routes without a rule are
// refused (default deny).
func (s *Server) access(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		key := c.Request().Method + " " + c.Path()
		r, ok := rules[key]
		if !ok {
			if s.registered[key] {
				return errForbidden
			}
			return next(c)
		}
		if r.scope == scopePublic {
			return next(c)
		}
		// The response is held until its audit event is stored: what is
		// not on record does not leave.
		held := &heldResponse{ResponseWriter: c.Response().Writer}
		c.Response().Writer = held
		// The store version, read once for the request's cached look-ups.
		c.SetRequest(c.Request().WithContext(withVersion(c.Request().Context(), s.networks.Version)))
		// A panic, in the access check as in the handler, is caught
		// here, so that it is audited and its 500 leaves through the
		// held response.
		var change *graph.ChangeAudit
		err := s.callSafe(c, func(c echo.Context) error {
			if err := s.authorise(c, r); err != nil {
				return err
			}
			change = s.changeAudit(c, r)
			return next(c)
		})
		if err != nil {
			c.Error(err)
		}
		c.Response().Writer = held.ResponseWriter
		if held.streamed {
			return nil // recorded before its first byte left
		}
		if change.Committed() && c.Response().Status < 400 {
			// The event was committed with the change.
			return held.release()
		}
		if aerr := s.record(c, r, err); aerr != nil && c.Response().Status < 400 {
			// The status the client gets, for the access log and metrics.
			c.Response().Status = http.StatusServiceUnavailable
			return held.refuse(requestID(c), c.Request().Method != http.MethodGet && c.Request().Method != http.MethodHead)
		}
		return held.release()
	}
}

// authorise authenticates the caller and checks role and scope.
func (s *Server) authorise(c echo.Context, r rule) error {
	if s.auth == nil {
		return errUnauthenticated
	}
	ctx := c.Request().Context()
	p, err := s.auth.Authenticate(ctx, c.Request())
	switch {
	case errors.Is(err, graph.ErrUnavailable):
		return err
	case errors.Is(err, auth.ErrNoRole):
		s.log.Info("no kinmap role", "request_id", requestID(c), "reason", err.Error())
		return errForbidden
	case err != nil:
		if terr := s.failedAuth(c); terr != nil {
			return terr
		}
		s.log.Info("authentication failed", "request_id", requestID(c), "reason", err.Error())
		c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="kinmap"`)
		return errUnauthenticated
	}
	c.Set(principalKey, p)
	ctx = context.WithValue(context.WithValue(ctx, principalCtxKey{}, p), scopeCacheKey{}, &scopeCache{})
	c.SetRequest(c.Request().WithContext(ctx))
	if !slices.Contains(r.roles, p.Role) {
		return errForbidden
	}
	if isCasework(p) && c.Request().Method != http.MethodGet && c.Request().Method != http.MethodHead {
		// The store keeps the scope rule inside each change's transaction
		// (graph.WriteScope): no write brings into the writer's scope a
		// record that was outside it, but for those the write creates.
		children, err := s.scopeOf(ctx, p)
		if err != nil {
			return err
		}
		ctx = graph.WithWriteScope(ctx, graph.WriteScope{Children: children, Today: graph.DateOf(s.today())})
		c.SetRequest(c.Request().WithContext(ctx))
	}
	switch r.scope {
	case scopeChild:
		children, err := s.scopeOf(ctx, p)
		if err != nil {
			return err
		}
		if !slices.Contains(children, c.Param("id")) {
			return errOutOfScope
		}
	case scopeRecord:
		kids, err := s.scopeChildren(ctx, p, c.Param("id"), r.kind)
		if err != nil {
			return err
		}
		if len(kids) == 0 {
			// A person or household attached to nothing yet (just made)
			// is in every worker's and manager's scope: any of them may
			// link it to a child, and so read it (what a user may create,
			// they may read).
			if (r.kind == "person" || r.kind == "household") && isCasework(p) {
				free, err := s.scopes.Unattached(ctx, c.Param("id"), r.kind)
				if err != nil {
					return err
				}
				if free {
					return nil
				}
			}
			return errOutOfScope
		}
		// The audit event names the child whose record this is: the
		// person itself when a child, else the first child in whose
		// network it lies.
		child := kids[0]
		if slices.Contains(kids, c.Param("id")) {
			child = c.Param("id")
		}
		c.Set(childKey, child)
	}
	return nil
}

// isCasework reports whether p records casework (a worker or manager).
func isCasework(p graph.Principal) bool { return slices.Contains(casework, p.Role) }
