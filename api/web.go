package api

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"errors"
	"html/template"
	"io/fs"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/kinmap/kinmap/graph"
	"github.com/labstack/echo/v4"
)

// WebConfig holds the settings of the practitioners' web app served at /.
type WebConfig struct {
	// Sessions stores the server-side sessions; nil keeps them in memory
	// (lost on restart). kinmap serve uses neo4jstore's SessionStore.
	Sessions scs.Store
	// IdleTimeout ends a session nobody used for that long (0: 30 min);
	// Lifetime ends any session that old (0: 8 h).
	IdleTimeout, Lifetime time.Duration
	// SecureCookie marks the session cookie Secure (set it unless the
	// listen address is loopback).
	SecureCookie bool
	// DemoUsers are offered on the demo sign-in page, which exists only
	// when this is not empty (kinmap serve --demo).
	DemoUsers []graph.Principal
	// OIDC signs people in through the authority's identity provider;
	// nil turns that off.
	OIDC *WebOIDC
}

//go:embed webtmpl
var webFiles embed.FS

// webContentSecurityPolicy is the HTML pages' policy: scripts, styles and
// images from kinmap itself only, no inline script or style, forms posted
// only back to kinmap.
const webContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// webCtxKey marks a request to a web route: the session authenticates it.
type webCtxKey struct{}

// web is the state of the web app.
type web struct {
	sm     *scs.SessionManager
	pages  map[string]*template.Template
	cop    *http.CrossOriginProtection
	demo   []graph.Principal
	oidc   *WebOIDC
	assets http.Handler
}

// Session keys.
const (
	sessUser  = "user"
	sessRole  = "role"
	sessTeams = "teams"
	sessCSRF  = "csrf"
	sessFlash = "flash"
	sessOIDC  = "oidc" // state, nonce and PKCE verifier of a sign-in under way
)

func newWeb(cfg WebConfig) *web {
	sm := scs.New()
	if cfg.Sessions != nil {
		sm.Store = cfg.Sessions
	}
	sm.IdleTimeout = cmpOr(cfg.IdleTimeout, 30*time.Minute)
	sm.Lifetime = cmpOr(cfg.Lifetime, 8*time.Hour)
	sm.Cookie.Name = "kinmap_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = cfg.SecureCookie
	sm.Cookie.Persist = false
	w := &web{sm: sm, pages: parsePages(), cop: http.NewCrossOriginProtection(), demo: cfg.DemoUsers, oidc: cfg.OIDC}
	sub, _ := fs.Sub(webFiles, "webtmpl/assets")
	w.assets = http.StripPrefix("/assets/", http.FileServer(http.FS(sub)))
	return w
}

func cmpOr(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// isWeb reports whether c is a request to a web route, or to no route
// at all from a browser outside /api (so that it gets an HTML 404).
func (s *Server) isWeb(c echo.Context) bool {
	if r, ok := rules[c.Request().Method+" "+c.Path()]; ok {
		return r.web
	}
	p := c.Request().URL.Path
	return !strings.HasPrefix(p, "/api/") && strings.Contains(c.Request().Header.Get(echo.HeaderAccept), "text/html")
}

// webSession runs before the access check on web routes: it loads the
// session (authentication for the web comes from it, never from a
// bearer token), sets the HTML pages' headers, refuses cross-origin and
// token-less form posts, and sends people who are not signed in to the
// sign-in page. The session is saved just before the response is sent.
func (s *Server) webSession(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r, ok := rules[c.Request().Method+" "+c.Path()]
		if !ok || !r.web {
			return next(c)
		}
		if c.Path() == "/signin/demo" && len(s.web.demo) == 0 {
			return echo.ErrNotFound // there is no demo sign-in without --demo
		}
		req := c.Request()
		h := c.Response().Header()
		h.Set("Content-Security-Policy", webContentSecurityPolicy)
		h.Add("Vary", "Cookie")
		var token string
		if ck, err := req.Cookie(s.web.sm.Cookie.Name); err == nil {
			token = ck.Value
		}
		ctx, err := s.web.sm.Load(req.Context(), token)
		if err != nil {
			return s.webErrorPage(c, http.StatusServiceUnavailable, "unavailable", err)
		}
		ctx = context.WithValue(ctx, webCtxKey{}, true)
		req = req.WithContext(ctx)
		c.SetRequest(req)
		c.Response().Before(func() { s.saveSession(c) })
		if req.Method == http.MethodPost {
			if err := s.web.cop.Check(req); err != nil {
				return s.webErrorPage(c, http.StatusForbidden, "cross_origin", err)
			}
			req.Body = http.MaxBytesReader(c.Response(), req.Body, MaxBodyBytes)
			want := s.web.sm.GetString(ctx, sessCSRF)
			if want == "" || subtle.ConstantTimeCompare([]byte(req.FormValue("csrf")), []byte(want)) != 1 {
				return s.webErrorPage(c, http.StatusForbidden, "csrf", nil)
			}
		}
		if r.scope != scopePublic && s.web.sm.GetString(ctx, sessUser) == "" {
			return c.Redirect(http.StatusSeeOther, "/signin")
		}
		return next(c)
	}
}

// saveSession commits a changed session and sets (or clears) its cookie.
func (s *Server) saveSession(c echo.Context) {
	ctx := c.Request().Context()
	w := c.Response().Writer
	switch s.web.sm.Status(ctx) {
	case scs.Modified:
		token, expiry, err := s.web.sm.Commit(ctx)
		if err != nil {
			s.log.Error("session commit failed", "request_id", requestID(c), "err", err.Error())
			return
		}
		s.web.sm.WriteSessionCookie(ctx, w, token, expiry)
	case scs.Destroyed:
		s.web.sm.WriteSessionCookie(ctx, w, "", time.Time{})
	}
}

// sessionAuth authenticates web requests from their session and every
// other request with the API's authenticator: a session cookie never
// opens the API, a bearer token never opens a page.
type sessionAuth struct {
	sm    *scs.SessionManager
	inner Authenticator
}

var errNoSession = errors.New("auth: not signed in")

func (a sessionAuth) Authenticate(ctx context.Context, r *http.Request) (graph.Principal, error) {
	if ctx.Value(webCtxKey{}) == nil {
		if a.inner == nil {
			return graph.Principal{}, errNoSession
		}
		return a.inner.Authenticate(ctx, r)
	}
	user := a.sm.GetString(ctx, sessUser)
	if user == "" {
		return graph.Principal{}, errNoSession
	}
	p := graph.Principal{User: user, Role: graph.Role(a.sm.GetString(ctx, sessRole)), Method: graph.MethodOIDC}
	if t := a.sm.GetString(ctx, sessTeams); t != "" {
		p.Teams = strings.Split(t, ",")
	}
	return p, nil
}

// signIn starts a fresh session (a new token: no fixation) for p.
func (s *Server) signIn(c echo.Context, p graph.Principal) error {
	ctx := c.Request().Context()
	if err := s.web.sm.RenewToken(ctx); err != nil {
		return err
	}
	s.web.sm.Put(ctx, sessUser, p.User)
	s.web.sm.Put(ctx, sessRole, string(p.Role))
	s.web.sm.Put(ctx, sessTeams, strings.Join(p.Teams, ","))
	s.web.sm.Put(ctx, sessCSRF, randomToken())
	return nil
}

// csrfToken returns the session's form token, making one if needed.
func (s *Server) csrfToken(c echo.Context) string {
	ctx := c.Request().Context()
	t := s.web.sm.GetString(ctx, sessCSRF)
	if t == "" {
		t = randomToken()
		s.web.sm.Put(ctx, sessCSRF, t)
	}
	return t
}

func randomToken() string {
	var b [24]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// flash keeps a one-line message for the next page.
func (s *Server) flash(c echo.Context, msg string) {
	s.web.sm.Put(c.Request().Context(), sessFlash, msg)
}

// homeFor is where a role starts.
func homeFor(r graph.Role) string {
	switch r {
	case graph.RoleEvaluator:
		return "/reports"
	case graph.RoleAdmin:
		return "/admin/audit"
	}
	return "/caseload"
}

func roleCan(p graph.Principal, roles []graph.Role) bool { return slices.Contains(roles, p.Role) }
