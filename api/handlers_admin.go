package api

import (
	"context"
	"encoding/base64"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/kinmap/kinmap/auth"
	"github.com/kinmap/kinmap/graph"
	"github.com/labstack/echo/v4"
)

// newTokenBody is the body of POST /tokens.
type newTokenBody struct {
	User          string     `json:"user"`
	Role          graph.Role `json:"role"`
	Teams         []string   `json:"teams,omitempty"`
	ExpiresInDays int        `json:"expires_in_days,omitempty"` // 0: never
}

// createdToken is shown once: kinmap keeps only the token's hash.
type createdToken struct {
	graph.APIToken
	Token string `json:"token"`
}

func (s *Server) createToken(c echo.Context) error {
	var b newTokenBody
	if err := decode(c, &b, MaxBodyBytes); err != nil {
		return err
	}
	if b.ExpiresInDays < 0 || b.ExpiresInDays > 3660 {
		return graph.Invalid("expires_in_days", "must be from 0 (never) to 3660")
	}
	var expires time.Duration
	if b.ExpiresInDays > 0 {
		expires = time.Duration(b.ExpiresInDays) * 24 * time.Hour
	}
	t, secret, err := auth.IssueBy(c.Request().Context(), s.tokens, principal(c).User, b.User, b.Role, b.Teams, expires, time.Now().UTC())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, createdToken{APIToken: t, Token: secret})
}

func (s *Server) listTokens(c echo.Context) error {
	list, err := s.tokens.Tokens(c.Request().Context())
	if err != nil {
		return err
	}
	if list == nil {
		list = []graph.APIToken{}
	}
	return c.JSON(http.StatusOK, map[string]any{"items": list})
}

func (s *Server) revokeToken(c echo.Context) error {
	if err := s.tokens.RevokeToken(c.Request().Context(), c.Param("id"), time.Now().UTC()); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) audit(c echo.Context) error {
	f := graph.AuditFilter{Child: c.QueryParam("child"), User: c.QueryParam("user")}
	// Every bad parameter is reported, in this order.
	var probs graph.Problems
	for _, p := range []struct {
		name string
		dst  *time.Time
	}{{"from", &f.From}, {"to", &f.To}} {
		if v := c.QueryParam(p.name); v != "" {
			t, err := parseTimeParam(v)
			if err != nil {
				probs = append(probs, graph.Invalid(p.name, "must be a date (YYYY-MM-DD) or an RFC 3339 time"))
				continue
			}
			*p.dst = t
		}
	}
	var err error
	if f.Limit, err = intParam(c, "limit", 0, 0, graph.MaxAuditLimit); err != nil {
		probs = append(probs, graph.Fields(err)...)
	}
	if v := c.QueryParam("after"); v != "" {
		if f.After, err = parseAuditCursor(v); err != nil {
			probs = append(probs, graph.Fields(err)...)
		}
	}
	if err := probs.Err(); err != nil {
		return err
	}
	if err := f.Validate(); err != nil {
		return err
	}
	events, more, err := s.readAudit(c.Request().Context(), f)
	if err != nil {
		return err
	}
	// truncated tells the reader the limit cut the list, so that a busy
	// trail is never mistaken for a complete one; next continues it.
	body := map[string]any{"items": events, "truncated": more}
	if more {
		body["next"] = auditCursor(events[len(events)-1])
	}
	return c.JSON(http.StatusOK, body)
}

// readAudit reads the events f selects and reports whether more follow
// the last of them (asking for the one event after it when the page is
// full).
func (s *Server) readAudit(ctx context.Context, f graph.AuditFilter) ([]graph.AuditEvent, bool, error) {
	events, err := s.auditLog.Audit(ctx, f)
	if err != nil {
		return nil, false, err
	}
	if events == nil {
		events = []graph.AuditEvent{}
	}
	limit := f.Limit
	if limit == 0 {
		limit = graph.DefaultAuditLimit
	}
	if len(events) < limit {
		return events, false, nil
	}
	last := events[len(events)-1]
	f.After, f.Limit = graph.AuditCursor{At: last.At, ID: last.ID}, 1
	next, err := s.auditLog.Audit(ctx, f)
	if err != nil {
		return nil, false, err
	}
	return events, len(next) > 0, nil
}

// auditCursor is the opaque cursor that continues a read after e: its
// time (RFC 3339, nanoseconds) and id, base64url-encoded.
func auditCursor(e graph.AuditEvent) string {
	return base64.RawURLEncoding.EncodeToString([]byte(e.At.UTC().Format(time.RFC3339Nano) + " " + e.ID))
}

func parseAuditCursor(v string) (graph.AuditCursor, error) {
	bad := graph.Invalid("after", "must be the next cursor of an earlier page")
	raw, err := base64.RawURLEncoding.DecodeString(v)
	if err != nil {
		return graph.AuditCursor{}, bad
	}
	at, id, ok := strings.Cut(string(raw), " ")
	t, err := time.Parse(time.RFC3339Nano, at)
	if !ok || err != nil || !graph.ValidID(id) {
		return graph.AuditCursor{}, bad
	}
	return graph.AuditCursor{At: t, ID: id}, nil
}

func parseTimeParam(v string) (time.Time, error) {
	if d, err := graph.ParseDate(v); err == nil {
		return d.Time(), nil
	}
	return time.Parse(time.RFC3339, v)
}

// exportPseudonymised is the evaluators' export: keyed-hash ids, no
// names, dates of birth, addresses or free text.
func (s *Server) exportPseudonymised(c echo.Context) error {
	if len(s.cfg.PseudonymKey) == 0 {
		return &httpError{http.StatusServiceUnavailable, "unavailable", "pseudonymised export is not configured (KINMAP_PSEUDONYM_KEY)"}
	}
	asOf, err := s.asOf(c)
	if err != nil {
		return err
	}
	d, err := s.documents.Export(c.Request().Context())
	if err != nil {
		return err
	}
	// Its records are sorted by pseudonym (the stored order would give
	// the ids' order away), so the whole document is made in memory;
	// its text is streamed as the export's is (exportstream.go), not
	// held whole until the audit event is stored.
	pd := graph.Pseudonymise(d, s.cfg.PseudonymKey, asOf)
	return s.streamDocument(c, func(w io.Writer, indent string) error {
		return graph.WriteDocument(w, pd, indent, nil)
	})
}
