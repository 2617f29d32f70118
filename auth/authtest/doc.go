// Package authtest helps test code that authenticates: Issuer is a local
// OpenID Connect provider (discovery, JWKS, RSA keys that can be rotated)
// that mints JWTs, good and bad; Tokens is an in-memory API token store.
//
// Building an Authenticator in a test:
//
//	iss := authtest.NewIssuer(t)
//	v, err := auth.NewOIDCVerifier(ctx, iss.Config())
//	tokens := authtest.NewTokens()
//	a := auth.NewAuthenticator(tokens, v)
//	jwt := iss.MintFor(graph.Principal{User: "worker-a", Role: graph.RoleWorker, Teams: []string{"team-north"}})
//	apiToken := tokens.Add(t, graph.APIToken{ID: "tok-1", User: "admin-z", Role: graph.RoleAdmin, Created: time.Now()})
//
// Both go in an "Authorization: Bearer ..." header.
//
// Serve starts the same issuer outside a test, on a given listener: the
// browser tests run it as internal/testissuer.
package authtest
