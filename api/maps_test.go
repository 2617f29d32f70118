package api_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kinmap/kinmap/api"
	"github.com/kinmap/kinmap/viz"
	"github.com/kinmap/kinmap/viz/render"
)

func TestChildMapFormatsAndETag(t *testing.T) {
	c := demoClient(t)
	tests := []struct {
		path, ctype string
		check       func([]byte) error
	}{
		{"/api/v1/children/ard-kieran/map.svg?as_of=2026-11-01", "image/svg+xml", parsesAsXML},
		{"/api/v1/children/ard-kieran/map.svg?as_of=2026-11-01&audience=child", "image/svg+xml", parsesAsXML},
		{"/api/v1/children/ard-kieran/map.svg?as_of=2026-11-01&since=2025-11-01", "image/svg+xml", parsesAsXML},
		{"/api/v1/children/ard-kieran/map.png?as_of=2026-11-01&audience=family", "image/png", func(b []byte) error {
			if !bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) {
				return errors.New("not a PNG")
			}
			return nil
		}},
		{"/api/v1/children/ard-kieran/map.dot?as_of=2026-11-01", "text/vnd.graphviz", func(b []byte) error {
			if !bytes.Contains(b, []byte("graph")) {
				return errors.New("not DOT")
			}
			return nil
		}},
		{"/api/v1/children/ard-amy/sibling-group/map.svg?as_of=2026-11-01", "image/svg+xml", parsesAsXML},
	}
	for _, tt := range tests {
		res := c.do("GET", tt.path, nil, "")
		if res.Status != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), tt.ctype) {
			t.Errorf("GET %s: got %d %q, want 200 %s (%.200s)", tt.path, res.Status, res.Header.Get("Content-Type"), tt.ctype, res.Body)
			continue
		}
		if err := tt.check(res.Body); err != nil {
			t.Errorf("GET %s: %v", tt.path, err)
		}
		// Maps are about children: no browser or proxy keeps them, shared
		// office PCs included; the ETag still saves a redraw.
		if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("GET %s: Cache-Control %q, want no-store", tt.path, cc)
		}
		etag := res.Header.Get("ETag")
		if etag == "" {
			t.Errorf("GET %s: no ETag", tt.path)
			continue
		}
		again := c.do("GET", tt.path, nil, "")
		if again.Header.Get("ETag") != etag || !bytes.Equal(again.Body, res.Body) {
			t.Errorf("GET %s twice: the map or its ETag changed", tt.path)
		}
		req := httptest.NewRequest("GET", tt.path, nil)
		req.Header.Set("If-None-Match", etag)
		req.Header.Set("Authorization", "Bearer "+c.token)
		rec := httptest.NewRecorder()
		c.h.ServeHTTP(rec, req)
		if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
			t.Errorf("GET %s with If-None-Match: got %d with %d bytes, want 304 and no body", tt.path, rec.Code, rec.Body.Len())
		}
		if cc := rec.Header().Get("Cache-Control"); cc != "no-store" || rec.Header().Get("ETag") != etag {
			t.Errorf("GET %s with If-None-Match: Cache-Control %q ETag %q, want no-store and %s", tt.path, cc, rec.Header().Get("ETag"), etag)
		}
	}
}

func parsesAsXML(b []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if se, ok := tok.(xml.StartElement); ok && (se.Name.Local == "script" || se.Name.Local == "foreignObject") {
			return errors.New("SVG has a " + se.Name.Local)
		}
	}
}

// TestFamilyMapHidesConfidentialHome: the family version of a child in a
// confidential foster home names neither the address, the locality nor
// the carers' surname.
func TestFamilyMapHidesConfidentialHome(t *testing.T) {
	c := demoClient(t)
	for _, audience := range []string{"family", "child"} {
		for _, ext := range []string{"svg", "dot"} {
			res := c.do("GET", "/api/v1/children/ard-kieran/map."+ext+"?as_of=2026-11-01&audience="+audience, nil, "")
			if res.Status != http.StatusOK {
				t.Fatalf("%s %s: %d", audience, ext, res.Status)
			}
			for _, secret := range []string{"Fictional Crescent", "Strathvenn", "Fairlie", "Address withheld", "Children's Hearing"} {
				if bytes.Contains(res.Body, []byte(secret)) {
					t.Errorf("%s map (%s) contains %q", audience, ext, secret)
				}
			}
		}
	}
	if res := c.do("GET", "/api/v1/children/ard-kieran/map.svg?audience=public", nil, ""); res.Status != http.StatusBadRequest {
		t.Errorf("unknown audience: got %d, want 400", res.Status)
	}
	if res := c.do("GET", "/api/v1/children/ghost/map.svg", nil, ""); res.Status != http.StatusNotFound {
		t.Errorf("unknown child: got %d, want 404", res.Status)
	}
}

// TestConcurrentMapsAndDisconnects: 32 concurrent map requests all
// succeed, and clients that go away mid-render do not break later ones.
func TestConcurrentMapsAndDisconnects(t *testing.T) {
	c := demoClient(t)
	srv := httptest.NewServer(c.h)
	defer srv.Close()
	children := []string{"ard-shannon", "ard-kieran", "ard-amy", "ard-lily", "ard-ethan", "bal-mason", "dru-tyler", "gar-mia"}
	audiences := []string{"professional", "family", "child", "professional"}

	// Clients that give up after a few milliseconds, mid-render.
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), time.Duration(5+i)*time.Millisecond)
			defer cancel()
			url := srv.URL + "/api/v1/children/" + children[i%len(children)] + "/map.svg?as_of=2026-10-0" + string(rune('1'+i%9)) + "&audience=" + audiences[i%4]
			req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
			req.Header.Set("Authorization", "Bearer "+c.token)
			if res, err := http.DefaultClient.Do(req); err == nil {
				res.Body.Close()
			}
		}()
	}
	wg.Wait()

	errs := make(chan error, 32)
	for i := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			url := srv.URL + "/api/v1/children/" + children[i%len(children)] + "/map.svg?as_of=2026-11-01&audience=" + audiences[i%4]
			req, _ := http.NewRequest("GET", url, nil)
			req.Header.Set("Authorization", "Bearer "+c.token)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				errs <- err
				return
			}
			defer res.Body.Close()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != http.StatusOK {
				errs <- errors.New(url + ": " + res.Status + " " + string(body))
				return
			}
			if err := parsesAsXML(body); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// gatedRenderer tells when a render has started.
type gatedRenderer struct {
	api.Renderer
	started chan struct{}
}

func (g *gatedRenderer) Render(ctx context.Context, dot []byte, f viz.Format) ([]byte, error) {
	select {
	case g.started <- struct{}{}:
	default:
	}
	return g.Renderer.Render(ctx, dot, f)
}

// TestDisconnectMidRender: a client that goes away while its map is being
// drawn (not before: the renderer says when it starts) does not break the
// maps drawn after it.
func TestDisconnectMidRender(t *testing.T) {
	demoClient(t)
	store := testStore(t)
	cfg, iss := testConfig(t, store)
	gate := &gatedRenderer{Renderer: render.NewRenderer(), started: make(chan struct{})}
	cfg.Renderer = gate
	cfg.MapCacheSize = -1
	srv := httptest.NewServer(api.New(cfg, store, nil).Handler())
	defer srv.Close()
	token := iss.MintFor(manager)
	get := func(ctx context.Context, child string) (*http.Response, error) {
		req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/api/v1/children/"+child+"/map.svg", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		return http.DefaultClient.Do(req)
	}
	for i, child := range []string{"ard-shannon", "ard-kieran", "ard-amy"} {
		ctx, cancel := context.WithCancel(context.Background())
		errc := make(chan error, 1)
		go func() {
			res, err := get(ctx, child)
			if err == nil {
				body, _ := io.ReadAll(res.Body)
				res.Body.Close()
				err = errors.New(res.Status + " " + string(body))
			}
			errc <- err
		}()
		select {
		case <-gate.started:
		case err := <-errc:
			t.Fatalf("disconnect %d: the request ended before its render started: %.300v", i, err)
		}
		cancel()
		if err := <-errc; !errors.Is(err, context.Canceled) {
			t.Fatalf("disconnect %d: got %.300v, want the request cancelled mid-render", i, err)
		}
	}
	res, err := get(context.Background(), "ard-kieran")
	if err != nil {
		t.Fatalf("map after disconnects: %v", err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || parsesAsXML(body) != nil {
		t.Errorf("map after disconnects: got %d %.100q, want 200 and an SVG", res.StatusCode, body)
	}
}

func TestErrorStageDropsDetail(t *testing.T) {
	for in, want := range map[string]string{
		"viz: parsing DOT: syntax error near 'Ada Example'": "viz: parsing DOT",
		"viz: renderer closed":                              "viz: renderer closed",
		"boom":                                              "unknown",
	} {
		if got := api.ErrorStage(errors.New(in)); got != want {
			t.Errorf("ErrorStage(%q): got %q, want %q", in, got, want)
		}
	}
}

// TestSiblingGroupMapRefusesSince: the sibling-group map has no review
// drawing, so since is refused by name rather than silently ignored (the
// reviewing officer would take a current map for the review).
func TestSiblingGroupMapRefusesSince(t *testing.T) {
	c := demoClient(t)
	res := c.do("GET", "/api/v1/children/ard-amy/sibling-group/map.svg?as_of=2026-11-01&since=2025-11-01", nil, "")
	if res.Status != http.StatusBadRequest || !strings.Contains(string(res.Body), `"field":"since"`) {
		t.Errorf("sibling-group map with since: got %d %.300s, want 400 naming since", res.Status, res.Body)
	}
}
