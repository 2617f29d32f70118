package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"github.com/kinmap/kinmap/fixtures"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/kinmap/kinmap/api"
	"github.com/kinmap/kinmap/auth"
	"github.com/kinmap/kinmap/auth/authtest"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/neo4jstore"
	"github.com/kinmap/kinmap/internal/neo4jtest"
)

// TestMain runs the API tests against one real Neo4j, started once, then
// checks that the whole session's logs carry no personal data: no name,
// address, date of birth or note from the fixtures or the tests.
func TestMain(m *testing.M) {
	code := neo4jtest.Run(m)
	if code == 0 {
		if leaks := personalData(sessionLogs.String()); len(leaks) > 0 {
			fmt.Fprintf(os.Stderr, "FAIL: the logs of the API test session contain personal data: %q\n", leaks)
			code = 1
		}
	}
	os.Exit(code)
}

// personalData returns the fixture and test strings found in logs.
func personalData(logs string) []string {
	if logs == "" {
		// A full run logs plenty; only a filtered run may log nothing.
		if f := flag.Lookup("test.run"); f == nil || f.Value.String() == "" {
			return []string{"no logs were captured"}
		}
		return nil
	}
	doc, err := fixtures.All()
	if err != nil {
		return []string{err.Error()}
	}
	secrets := []string{"Ada Example", "Bea Example", "Kai Example", "Mo Example", "2 Example Row", "2015-05-05", "my big sister"}
	for _, p := range doc.People {
		secrets = append(secrets, p.FullName, p.Notes)
		if !p.DateOfBirth.IsZero() {
			secrets = append(secrets, p.DateOfBirth.String())
		}
	}
	for _, h := range doc.Households {
		secrets = append(secrets, h.Address, h.Notes)
	}
	for _, r := range doc.Relationships {
		if r.Restriction != nil {
			secrets = append(secrets, r.Restriction.Reason)
		}
		if r.FromView != nil {
			secrets = append(secrets, r.FromView.Words)
		}
	}
	var found []string
	for _, sec := range secrets {
		if len(sec) >= 6 && strings.Contains(logs, sec) {
			found = append(found, sec)
		}
	}
	return found
}

var (
	specOnce   sync.Once
	specRouter routers.Router
	specErr    error
)

// spec loads and validates the served OpenAPI document once.
func spec(t testing.TB) routers.Router {
	t.Helper()
	specOnce.Do(func() {
		for _, ct := range []string{"image/svg+xml", "image/png", "text/vnd.graphviz", "text/html"} {
			openapi3filter.RegisterBodyDecoder(ct, openapi3filter.FileBodyDecoder)
		}
		loader := openapi3.NewLoader()
		doc, err := loader.LoadFromData(api.OpenAPI())
		if err != nil {
			specErr = err
			return
		}
		if err := doc.Validate(context.Background()); err != nil {
			specErr = err
			return
		}
		specRouter, specErr = gorillamux.NewRouter(doc)
	})
	if specErr != nil {
		t.Fatalf("openapi.json: %v", specErr)
	}
	return specRouter
}

// client drives the API in process as one principal (a bearer token
// minted by a local OIDC issuer) and checks every response against the
// OpenAPI document.
type client struct {
	t      testing.TB
	h      http.Handler
	log    *bytes.Buffer
	issuer *authtest.Issuer
	token  string // "" sends no Authorization header
	srv    *api.Server
}

// Principals the tests act as. The manager's teams hold every fixture
// child; team-test holds the children the tests create.
var (
	manager = graph.Principal{User: "manager-t", Role: graph.RoleManager, Teams: []string{"team-north", "team-south", "team-test"}}
	admin   = graph.Principal{User: "admin-t", Role: graph.RoleAdmin}
)

// routes lists the served routes in OpenAPI syntax.
func (c *client) routes() []string { return c.srv.Routes() }

// as returns a client acting as p.
func (c *client) as(p graph.Principal) *client {
	cp := *c
	cp.token = c.issuer.MintFor(p)
	return &cp
}

// anonymous returns a client that sends no credentials.
func (c *client) anonymous() *client {
	cp := *c
	cp.token = ""
	return &cp
}

// today is the fixed date the test server uses when no as_of is given.
var today = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

func newClient(t testing.TB) *client {
	t.Helper()
	neo4jtest.Reset(t)
	return newClientFor(t, testStore(t))
}

// testStore is a store over the test database.
func testStore(t testing.TB) *neo4jstore.Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	store, err := neo4jstore.New(ctx, neo4jtest.Driver())
	if err != nil {
		t.Fatalf("store: %v", err)
	}
	return store
}

// sessionLogs collects every test server's logs, so that TestMain can
// check the whole session for personal data.
var sessionLogs lockedBuffer

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// testConfig is the server configuration of the tests: a local OIDC
// issuer, API tokens from the store, a fixed today.
func testConfig(t testing.TB, store api.Store) (api.Config, *authtest.Issuer) {
	t.Helper()
	iss := authtest.NewIssuer(t)
	v, err := auth.NewOIDCVerifier(context.Background(), iss.Config())
	if err != nil {
		t.Fatalf("oidc verifier: %v", err)
	}
	var tokens auth.TokenLookup
	if ts, ok := store.(auth.TokenLookup); ok {
		tokens = ts
	}
	return api.Config{Today: func() time.Time { return today }, RateLimit: -1, RequestTimeout: 2 * time.Minute, Auth: auth.NewAuthenticator(api.CacheTokens(tokens), v),
		PseudonymKey: []byte("test-pseudonym-key")}, iss
}

func newClientFor(t testing.TB, store api.Store) *client {
	t.Helper()
	var logs bytes.Buffer
	log := slog.New(slog.NewJSONHandler(io.MultiWriter(&logs, &sessionLogs), &slog.HandlerOptions{Level: slog.LevelDebug}))
	cfg, iss := testConfig(t, store)
	srv := api.New(cfg, store, log)
	t.Cleanup(func() { _ = srv.Close() })
	c := &client{t: t, h: srv.Handler(), log: &logs, issuer: iss, srv: srv}
	return c.as(manager)
}

type response struct {
	Status int
	Header http.Header
	Body   []byte
}

// decode unmarshals the body into v.
func (r response) decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// do sends a request. body may be nil, a []byte (sent as is) or a value
// (sent as JSON); contentType "" means application/json.
func (c *client) do(method, path string, body any, contentType string) response {
	c.t.Helper()
	var raw []byte
	switch b := body.(type) {
	case nil:
	case []byte:
		raw = b
	case string:
		raw = []byte(b)
	default:
		var err error
		if raw, err = json.Marshal(b); err != nil {
			c.t.Fatalf("marshal: %v", err)
		}
	}
	req := httptest.NewRequest(method, path, bytes.NewReader(raw))
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if body != nil {
		if contentType == "" {
			contentType = "application/json"
		}
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, req)
	res := response{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
	c.checkSpec(req, raw, res)
	return res
}

// checkSpec fails the test when the route is not in the OpenAPI document
// or the response does not match it. Unknown routes must answer 404 JSON.
func (c *client) checkSpec(req *http.Request, body []byte, res response) {
	c.t.Helper()
	if ct := res.Header.Get("Content-Type"); res.Status != http.StatusNotModified && res.Status != http.StatusNoContent && !strings.HasPrefix(ct, "application/json") &&
		!strings.HasPrefix(ct, "image/") && !strings.HasPrefix(ct, "text/") {
		c.t.Errorf("%s %s: content type %q", req.Method, req.URL, ct)
	}
	r := spec(c.t)
	specReq := req.Clone(context.Background())
	specReq.Body = io.NopCloser(bytes.NewReader(body))
	route, params, err := r.FindRoute(specReq)
	if err != nil {
		if res.Status != http.StatusNotFound && res.Status != http.StatusMethodNotAllowed {
			c.t.Errorf("%s %s answered %d but is not in openapi.json: %v", req.Method, req.URL.Path, res.Status, err)
		}
		return
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: specReq, PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}},
		Status: res.Status, Header: res.Header,
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	in.SetBodyBytes(res.Body)
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		c.t.Errorf("%s %s: response %d does not match openapi.json: %v\nbody: %.400s", req.Method, req.URL, res.Status, err, res.Body)
	}
}
