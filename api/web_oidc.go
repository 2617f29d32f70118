package api

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/kinmap/kinmap/graph"
	"github.com/labstack/echo/v4"
	"golang.org/x/oauth2"
)

// WebOIDC is the web app's sign-in through the identity provider: the
// authorization-code flow with PKCE. The access token it gets is checked
// by Verify, the API's own OIDC verifier, so a person's role, user and
// teams come from the same claims as for the API.
type WebOIDC struct {
	OAuth2 *oauth2.Config
	Verify func(ctx context.Context, raw string) (graph.Principal, error)
}

// oidcLogin sends the browser to the provider with a fresh state and
// PKCE verifier kept in the session.
func (s *Server) oidcLogin(c echo.Context) error {
	if s.web.oidc == nil {
		return echo.ErrNotFound
	}
	state, verifier := randomToken(), oauth2.GenerateVerifier()
	s.web.sm.Put(c.Request().Context(), sessOIDC, state+" "+verifier)
	return c.Redirect(http.StatusSeeOther, s.web.oidc.OAuth2.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier)))
}

// oidcCallback completes the flow: the state must match, the code is
// exchanged with the verifier, the access token is verified and mapped.
func (s *Server) oidcCallback(c echo.Context) error {
	if s.web.oidc == nil {
		return echo.ErrNotFound
	}
	ctx := c.Request().Context()
	state, verifier, _ := strings.Cut(s.web.sm.PopString(ctx, sessOIDC), " ")
	got := c.QueryParam("state")
	if state == "" || subtle.ConstantTimeCompare([]byte(got), []byte(state)) != 1 || c.QueryParam("code") == "" {
		return s.webErrorPage(c, http.StatusBadRequest, "signin_failed", nil)
	}
	tok, err := s.web.oidc.OAuth2.Exchange(ctx, c.QueryParam("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		s.log.Info("oidc code exchange failed", "request_id", requestID(c))
		return s.webErrorPage(c, http.StatusBadGateway, "signin_failed", nil)
	}
	p, err := s.web.oidc.Verify(ctx, tok.AccessToken)
	if err != nil {
		s.log.Info("oidc sign-in refused", "request_id", requestID(c), "reason", err.Error())
		return s.webErrorPage(c, http.StatusForbidden, "signin_refused", nil)
	}
	if err := s.signIn(c, p); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, homeFor(p.Role))
}
