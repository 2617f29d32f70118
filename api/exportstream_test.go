package api_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/api"
	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/internal/neo4jtest"
)

// TestExportStreamsWhatTheStoreHolds: GET /export is, byte for byte,
// the store's document as WriteDocument writes it (?pretty indented), as
// application/json, and is audited once.
func TestExportStreamsWhatTheStoreHolds(t *testing.T) {
	c := newClient(t).as(admin)
	store := testStore(t)
	doc := fixtures.Generate(fixtures.GenConfig{Seed: 4, Children: 10})
	demo, err := fixtures.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []*graph.Document{&doc, &demo} {
		if _, err := store.Import(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	stored, err := store.Export(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for path, indent := range map[string]string{"/api/v1/export": "", "/api/v1/export?pretty": "  "} {
		var want bytes.Buffer
		if err := graph.WriteDocument(&want, stored, indent, nil); err != nil {
			t.Fatal(err)
		}
		res := c.do("GET", path, nil, "")
		if res.Status != http.StatusOK || res.Header.Get("Content-Type") != "application/json" {
			t.Fatalf("%s: %d %q", path, res.Status, res.Header.Get("Content-Type"))
		}
		if !bytes.Equal(res.Body, want.Bytes()) {
			t.Errorf("%s: body differs from the store's document:\n%.300s\nwant\n%.300s", path, res.Body, want.Bytes())
		}
		if n := len(adminEvents(t, c, res.Header.Get("X-Request-Id"))); n != 1 {
			t.Errorf("%s: %d audit events, want 1", path, n)
		}
	}
}

// TestExportOfAnEmptyStoreIsADocument: [] lists, which import again.
func TestExportOfAnEmptyStoreIsADocument(t *testing.T) {
	c := newClient(t).as(admin)
	res := c.do("GET", "/api/v1/export", nil, "")
	want := `{"format":"kinmap/v1","people":[],"households":[],"residences":[],"relationships":[],"contacts":[]}` + "\n"
	if res.Status != http.StatusOK || string(res.Body) != want {
		t.Fatalf("empty export: %d %s, want 200 %s", res.Status, res.Body, want)
	}
	if again := c.do("POST", "/api/v1/import", res.Body, ""); again.Status != http.StatusOK {
		t.Errorf("import of the empty export: %d %s", again.Status, again.Body)
	}
	if n, r := neo4jtest.Counts(t); n != 0 || r != 0 {
		t.Errorf("after importing the empty export: %d nodes, %d edges", n, r)
	}
}

// failingExport is a store whose streamed export writes part before
// failing (part empty: it fails before its first byte).
type failingExport struct {
	api.Store
	part string
}

func (f failingExport) ExportStream(_ context.Context, w io.Writer, _ string, _ func(int)) error {
	if f.part != "" {
		if _, err := io.WriteString(w, f.part); err != nil {
			return err
		}
	}
	return fmt.Errorf("page 3: %w", graph.ErrUnavailable)
}

// TestExportFailingBeforeItsFirstByteIsAJSONError: a 503 as any other.
func TestExportFailingBeforeItsFirstByteIsAJSONError(t *testing.T) {
	neo4jtest.Reset(t)
	c := newClientFor(t, failingExport{Store: testStore(t)}).as(admin)
	res := c.do("GET", "/api/v1/export", nil, "")
	if res.Status != http.StatusServiceUnavailable || !bytes.Contains(res.Body, []byte(`"unavailable"`)) {
		t.Errorf("export failing at once: %d %s, want a 503 JSON error", res.Status, res.Body)
	}
}

// TestExportFailingMidwayCutsTheConnection: after the first byte the
// client sees a broken transfer, never a short body that ends well; the
// export was audited before its first byte, and the log says it was cut.
func TestExportFailingMidwayCutsTheConnection(t *testing.T) {
	neo4jtest.Reset(t)
	c := newClientFor(t, failingExport{Store: testStore(t), part: `{"format":"kinmap/v1","people":[`}).as(admin)
	srv := httptest.NewServer(c.h)
	defer srv.Close()
	req, _ := http.NewRequest("GET", srv.URL+"/api/v1/export", nil)
	req.Header.Set("Authorization", "Bearer "+c.token)
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || err == nil {
		t.Errorf("export cut short: status %d, read error %v, body %q; want 200 and a read error", res.StatusCode, err, body)
	}
	if n := len(adminEvents(t, c, res.Header.Get("X-Request-Id"))); n != 1 {
		t.Errorf("export cut short: %d audit events, want 1 (recorded before the first byte)", n)
	}
	if !strings.Contains(c.log.String(), "export aborted after its first bytes") {
		t.Errorf("the log does not say the export was cut:\n%s", c.log.String())
	}
}

// adminEvents are the audit events of the admin's request requestID.
func adminEvents(t *testing.T, c *client, requestID string) []graph.AuditEvent {
	t.Helper()
	return eventsOf(t, c, "admin-t", requestID)
}
