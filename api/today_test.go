package api_test

import (
	"bytes"
	"net/http"
	"testing"
	"time"

	"github.com/kinmap/kinmap/api"
	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/internal/neo4jtest"
)

// TestTodayIsLondonsDate: at 00:30 British Summer Time on 1 July (23:30
// UTC on 30 June) a request without as_of is answered for 1 July, and
// for 30 June where the zone is configured as UTC.
func TestTodayIsLondonsDate(t *testing.T) {
	neo4jtest.Reset(t)
	store := testStore(t)
	justAfterMidnight := time.Date(2026, 6, 30, 23, 30, 0, 0, time.UTC)
	for _, tt := range []struct {
		zone *time.Location
		want string
	}{{nil, "2026-07-01"}, {time.UTC, "2026-06-30"}} {
		cfg, iss := testConfig(t, store)
		cfg.Today = func() time.Time { return justAfterMidnight }
		cfg.TimeZone = tt.zone
		srv := api.New(cfg, store, nil)
		c := &client{t: t, h: srv.Handler(), log: &bytes.Buffer{}, issuer: iss, srv: srv}
		if tt.zone == nil {
			doc, err := fixtures.All()
			if err != nil {
				t.Fatal(err)
			}
			if res := c.as(admin).do("POST", "/api/v1/import", doc, ""); res.Status != http.StatusOK {
				t.Fatalf("import: %d %s", res.Status, res.Body)
			}
		}
		res := c.as(manager).do("GET", "/api/v1/children/ard-shannon/sibling-group", nil, "")
		var got struct {
			AsOf string `json:"as_of"`
		}
		res.decode(t, &got)
		if res.Status != http.StatusOK || got.AsOf != tt.want {
			t.Errorf("zone %v at %s: got %d as_of %q, want %s", tt.zone, justAfterMidnight.Format(time.RFC3339), res.Status, got.AsOf, tt.want)
		}
	}
}
