package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

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
		c.SetRequest(c.Request().WithContext(withVersion(c.Request().Context(), s.store.Version)))
		err := s.authorise(c, r)
		var change *graph.ChangeAudit
		if err == nil {
			change = s.changeAudit(c, r)
			// A panic is caught here, so that it is audited and its
			// 500 leaves through the held response.
			err = s.callSafe(c, next)
		}
		if err != nil {
			c.Error(err)
		}
		c.Response().Writer = held.ResponseWriter
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

// heldResponse keeps a response's status and body back until release.
// Headers go straight to the real writer (they are not sent before the
// status).
type heldResponse struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (h *heldResponse) WriteHeader(code int) {
	if h.status == 0 {
		h.status = code
	}
}

func (h *heldResponse) Write(b []byte) (int, error) {
	if h.status == 0 {
		h.status = http.StatusOK
	}
	return h.body.Write(b)
}

// Flush is a no-op: nothing leaves before release.
func (h *heldResponse) Flush() {}

// release sends the held response.
func (h *heldResponse) release() error {
	if h.status == 0 {
		return nil
	}
	h.ResponseWriter.WriteHeader(h.status)
	_, err := h.ResponseWriter.Write(h.body.Bytes())
	return err
}

// refuse drops the held response and answers 503 instead: the audit
// trail could not record the access. write says the request changed data
// (and succeeded): the client is told so, lest it repeat the change.
func (h *heldResponse) refuse(rid string, write bool) error {
	hdr := h.Header()
	for _, k := range []string{"Content-Length", "Content-Disposition", "ETag", "Location", "Cache-Control"} {
		hdr.Del(k)
	}
	hdr.Set(echo.HeaderContentType, echo.MIMEApplicationJSON)
	hdr.Set(echo.HeaderCacheControl, "no-store")
	hdr.Set("Retry-After", retryAfter)
	h.ResponseWriter.WriteHeader(http.StatusServiceUnavailable)
	msg := "the audit trail could not record this request, so nothing was returned; try again shortly"
	if write {
		msg = "the change was made but the audit trail could not record it, so nothing was returned; read the record before trying again"
	}
	return json.NewEncoder(h.ResponseWriter).Encode(errorBody{Error: errorDetail{Code: "unavailable", Message: msg, RequestID: rid}})
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
				free, err := s.store.Unattached(ctx, c.Param("id"), r.kind)
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
		return s.store.Caseload(ctx, p.User, day)
	case graph.RoleManager:
		own, err := s.store.Caseload(ctx, p.User, day)
		if err != nil {
			return nil, err
		}
		team, err := s.store.TeamCaseload(ctx, p.Teams, day)
		if err != nil {
			return nil, err
		}
		return union(own, team), nil
	case graph.RoleReviewingOfficer:
		own, err := s.store.Caseload(ctx, p.User, day)
		if err != nil {
			return nil, err
		}
		out := own
		for _, child := range own {
			n, err := s.store.SiblingNetwork(ctx, child, day)
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
	return s.store.ScopeChildren(ctx, children, id, kind, graph.DateOf(s.today()))
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
			if kids, err = s.store.ScopeChildren(ctx, children, r.id, r.kind, graph.DateOf(s.today())); err != nil {
				return err
			}
		}
		if len(kids) > 0 {
			if r.kind == "person" && anchor == "" {
				anchor = r.field
			}
			continue
		}
		free, err := s.store.Unattached(ctx, r.id, r.kind)
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

func requestID(c echo.Context) string { return c.Response().Header().Get(echo.HeaderXRequestID) }

// changeAudit puts the audit event of a change (any method but GET and
// HEAD) into the request's context, for the store to write in the
// change's own transaction: a committed change always has its event. A
// change refused or failed before it committed gets its event from
// record, as a read does; so does one that failed after it committed (a
// batched import part-way), in addition to the committed one.
func (s *Server) changeAudit(c echo.Context, r rule) *graph.ChangeAudit {
	req := c.Request()
	if req.Method == http.MethodGet || req.Method == http.MethodHead {
		return nil
	}
	a := &graph.ChangeAudit{Event: func() graph.AuditEvent { return s.event(c, r, nil, changeStatus(c)) }}
	c.SetRequest(req.WithContext(graph.WithChangeAudit(req.Context(), a)))
	return a
}

// changeStatus is the status a change answers when it succeeds: 201 for
// a create or a move, 204 for a revocation, 200 otherwise (updates, ends,
// imports).
func changeStatus(c echo.Context) int {
	path := c.Path()
	switch {
	case c.Request().Method != http.MethodPost || strings.HasSuffix(path, "/end") || path == "/api/v1/import":
		return http.StatusOK
	case strings.HasSuffix(path, "/revoke"):
		return http.StatusNoContent
	}
	return http.StatusCreated
}

// record appends the request's audit event; a failure is logged (ids
// only) and returned, and the caller then withholds the response.
func (s *Server) record(c echo.Context, r rule, err error) error {
	if errors.Is(err, errAuthThrottled) {
		return nil
	}
	e := s.event(c, r, err, c.Response().Status)
	ctx, cancel := auditContext(c.Request().Context())
	defer cancel()
	write := s.store.AppendAudit
	if s.audits != nil {
		write = s.audits.append
	}
	if aerr := write(ctx, e); aerr != nil {
		s.log.Error("audit append failed", "request_id", e.RequestID, "action", e.Action, "err", aerr.Error())
		s.obs.AuditFailed()
		return aerr
	}
	return nil
}

// event is the audit event of request c under rule r that ended with err
// and status.
func (s *Server) event(c echo.Context, r rule, err error, status int) graph.AuditEvent {
	p := principal(c)
	e := graph.AuditEvent{ID: graph.NewAuditID(), At: time.Now().UTC(), User: p.User, Role: p.Role,
		Action: r.action, RequestID: requestID(c), Status: status, Outcome: graph.OutcomeAllowed}
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden ||
		errors.Is(err, errOutOfScope) || errors.Is(err, errUnauthenticated) || errors.Is(err, errForbidden) ||
		errors.As(err, new(*deniedError)), errors.As(err, new(*graph.ScopeRefusal)):
		e.Outcome = graph.OutcomeDenied
	case status >= 400:
		e.Outcome = graph.OutcomeError
	}
	switch {
	case r.scope == scopeChild:
		if graph.ValidID(c.Param("id")) {
			e.Child = c.Param("id")
		}
	case r.scope == scopeRecord:
		if graph.ValidID(c.Param("id")) {
			e.Record = c.Param("id")
		}
	}
	if id, ok := c.Get(recordKey).(string); ok && graph.ValidID(id) {
		e.Record = id
	}
	if id, ok := c.Get(childKey).(string); ok && e.Child == "" {
		e.Child = id
	}
	if u, ok := c.Get(forUserKey).(string); ok {
		e.ForUser = u
	}
	e.Credential, e.IssuedBy = p.Credential, p.IssuedBy
	if r.action == "read_map" || r.action == "read_sibling_group_map" {
		e.Audience = c.QueryParam("audience")
		if e.Audience == "" {
			e.Audience = "professional"
		}
		if !audiences[e.Audience] {
			e.Audience = ""
		}
	}
	return e
}

var audiences = map[string]bool{"professional": true, "family": true, "child": true}
