package api

import (
	"net/http"

	"github.com/kinmap/kinmap/graph"
	"github.com/labstack/echo/v4"
)

// home sends people to their role's start page, or to sign in.
func (s *Server) webHome(c echo.Context) error {
	p, err := (sessionAuth{sm: s.web.sm}).Authenticate(c.Request().Context(), c.Request())
	if err != nil {
		return c.Redirect(http.StatusSeeOther, "/signin")
	}
	return c.Redirect(http.StatusSeeOther, homeFor(p.Role))
}

type signinData struct {
	Demo []graph.Principal
	OIDC bool
}

// signinPage offers the identity provider and, under --demo only, the
// demo users.
func (s *Server) signinPage(c echo.Context) error {
	return s.render(c, http.StatusOK, "signin", "Sign in", signinData{Demo: s.web.demo, OIDC: s.web.oidc != nil})
}

// demoSignIn signs in as the chosen demo user. The route exists only
// under --demo.
func (s *Server) demoSignIn(c echo.Context) error {
	user := c.FormValue("user")
	for _, p := range s.web.demo {
		if p.User == user {
			if err := s.signIn(c, p); err != nil {
				return err
			}
			return c.Redirect(http.StatusSeeOther, homeFor(p.Role))
		}
	}
	return s.render(c, http.StatusBadRequest, "signin", "Sign in",
		signinData{Demo: s.web.demo, OIDC: s.web.oidc != nil})
}

// signOut ends the server session (its record is deleted, its cookie
// cleared).
func (s *Server) signOut(c echo.Context) error {
	if err := s.web.sm.Destroy(c.Request().Context()); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "signedout", "Signed out", nil)
}

// asset serves the embedded CSS and script.
func (s *Server) asset(c echo.Context) error {
	c.Response().Header().Set(echo.HeaderCacheControl, "public, max-age=3600")
	s.web.assets.ServeHTTP(c.Response(), c.Request())
	return nil
}
