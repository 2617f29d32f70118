package api_test

import (
	"bytes"
	"context"
	"encoding/json"
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
	"github.com/kinmap/kinmap/graph/neo4jstore"
	"github.com/kinmap/kinmap/internal/neo4jtest"
)

// TestMain runs the API tests against one real Neo4j, started once.
func TestMain(m *testing.M) { os.Exit(neo4jtest.Run(m)) }

var (
	specOnce   sync.Once
	specRouter routers.Router
	specErr    error
)

// spec loads and validates the served OpenAPI document once.
func spec(t testing.TB) routers.Router {
	t.Helper()
	specOnce.Do(func() {
		for _, ct := range []string{"image/svg+xml", "image/png", "text/vnd.graphviz"} {
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

// client drives the API in process and checks every response against
// the OpenAPI document.
type client struct {
	t   testing.TB
	h   http.Handler
	log *bytes.Buffer
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

func newClientFor(t testing.TB, store api.Store) *client {
	var logs bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv := api.New(api.Config{Today: func() time.Time { return today }, RateLimit: -1}, store, log)
	return &client{t: t, h: srv.Handler(), log: &logs}
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
	if ct := res.Header.Get("Content-Type"); res.Status != http.StatusNotModified && !strings.HasPrefix(ct, "application/json") &&
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
