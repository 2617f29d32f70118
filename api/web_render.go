package api

import (
	"bytes"
	"errors"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
	"github.com/labstack/echo/v4"
)

// page is what every template gets: the layout's fields and the page's
// own Data.
type page struct {
	Title string
	User  graph.Principal
	CSRF  string
	Flash string
	Nav   []navLink
	Main  string // the current section, for aria-current
	Data  any
}

type navLink struct{ Href, Label string }

var templateFuncs = template.FuncMap{
	"words":   words,
	"date":    longDate,
	"lower":   strings.ToLower,
	"percent": percent,
	"svgHTML": func(b []byte) template.HTML { return template.HTML(b) }, // sanitised by viz (sanitiseSVG)
	"fieldID": func(s string) string { return "f-" + strings.NewReplacer(".", "-", "_", "-").Replace(s) },
}

// percent writes a published rate as a whole percentage, or the
// suppression marker.
func percent(r analysis.RateCell) string {
	if r.Suppressed {
		return analysis.SuppressedMarker
	}
	return strconv.FormatFloat(r.Value*100, 'f', 0, 64) + "%"
}

// parsePages parses every page template with the layout.
func parsePages() map[string]*template.Template {
	out := map[string]*template.Template{}
	names, _ := fs.Glob(webFiles, "webtmpl/*.html")
	for _, n := range names {
		base := path.Base(n)
		if base == "layout.html" || base == "parts.html" {
			continue
		}
		t := template.Must(template.New(base).Funcs(templateFuncs).ParseFS(webFiles, "webtmpl/layout.html", "webtmpl/parts.html", n))
		out[strings.TrimSuffix(base, ".html")] = t
	}
	return out
}

// nav is the menu of p's role.
func nav(p graph.Principal) []navLink {
	var out []navLink
	switch p.Role {
	case graph.RoleWorker, graph.RoleManager, graph.RoleReviewingOfficer:
		out = append(out, navLink{"/caseload", "Children"})
	}
	switch p.Role {
	case graph.RoleEvaluator, graph.RoleManager:
		out = append(out, navLink{"/reports", "Sibling placement report"})
	case graph.RoleAdmin:
		out = append(out, navLink{"/admin/audit", "Audit trail"}, navLink{"/admin/tokens", "API tokens"})
	}
	return out
}

// render writes the page name with status.
func (s *Server) render(c echo.Context, status int, name, title string, data any) error {
	t, ok := s.web.pages[name]
	if !ok {
		return errors.New("web: no page template " + name)
	}
	p := page{Title: title, User: principal(c), Data: data, Main: c.Path()}
	if ctx := c.Request().Context(); ctx.Value(webCtxKey{}) != nil {
		if s.web.sm.GetString(ctx, sessUser) != "" || name == "signin" {
			p.CSRF = s.csrfToken(c)
		}
		p.Flash = s.web.sm.PopString(ctx, sessFlash)
		if p.User.User == "" {
			if u, err := (sessionAuth{sm: s.web.sm}).Authenticate(ctx, c.Request()); err == nil {
				p.User = u
			}
		}
	}
	p.Nav = nav(p.User)
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		return err
	}
	return c.HTMLBlob(status, buf.Bytes())
}

// webErrorPage answers an error on a web route as a page.
func (s *Server) webErrorPage(c echo.Context, status int, code string, err error) error {
	msgs := map[string][2]string{
		"not_found":      {"Page not found", "There is no such page, or no such record in your caseload."},
		"forbidden":      {"Not allowed", "Your role does not give you access to this page."},
		"unavailable":    {"kinmap cannot reach its records", "The records store (Neo4j) is not answering just now. Nothing you were doing has been lost on this page; try again in a minute."},
		"cross_origin":   {"Form refused", "This form was sent from another website, so kinmap refused it. Nothing was changed. Open kinmap itself and try again."},
		"csrf":           {"Form refused", "This form has expired or did not come from your kinmap session, so nothing was changed. Go back, reload the page and try again."},
		"rate_limited":   {"Too many requests", "You have made a lot of requests in a short time. Wait a few seconds and try again."},
		"invalid":        {"Something in the request is not right", "kinmap could not use what was sent."},
		"internal":       {"Something went wrong", "kinmap hit a problem it did not expect. Nothing more was changed. If it happens again, quote the reference below."},
		"method":         {"Not allowed", "That page cannot be used that way."},
		"too_large":      {"Too much to send", "The form held more than kinmap accepts."},
		"signin_failed":  {"Sign-in did not complete", "kinmap could not complete your sign-in with your council account. Try signing in again."},
		"signin_refused": {"Sign-in refused", "Your council account does not give you a kinmap role. Ask your administrator."},
		"audit_failure":  {"kinmap could not record this", "The audit trail could not record this request, so nothing was shown. Try again shortly."},
	}
	m, ok := msgs[code]
	if !ok {
		m = msgs["internal"]
	}
	if err != nil && status >= 500 {
		s.log.Error("web request failed", "request_id", requestID(c), "status", status, "err", err.Error())
	}
	c.Response().Header().Set("Content-Security-Policy", webContentSecurityPolicy)
	return s.render(c, status, "error", m[0], struct{ Heading, Message, RequestID string }{m[0], m[1], requestID(c)})
}

// webError is errorHandler's path for web routes: every error a page.
func (s *Server) webError(err error, c echo.Context) {
	status, body := s.classify(err, c)
	code := body.Error.Code
	switch {
	case status == http.StatusUnauthorized || errors.Is(err, errNoSession):
		_ = c.Redirect(http.StatusSeeOther, "/signin")
		return
	case status == http.StatusMethodNotAllowed:
		code = "method"
	case status == http.StatusServiceUnavailable:
		code = "unavailable"
	}
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(status)
		return
	}
	if rerr := s.webErrorPage(c, status, code, err); rerr != nil {
		s.log.Error("error page failed", "request_id", requestID(c), "err", rerr.Error())
		_ = c.String(status, http.StatusText(status))
	}
}
