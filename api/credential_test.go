package api_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

// TestAuditNamesTheCredential: an admin makes a token for worker-b and
// reads as them; every event names the credential (the token id, or the
// OIDC subject), and the events of a token made by someone else name who
// made it. Token creation records the token id, user, role and teams;
// names beginning "cli:" are the command line's and are refused.
func TestAuditNamesTheCredential(t *testing.T) {
	c := demoClient(t)
	var tok struct{ ID, Token string }
	res := c.as(admin).do("POST", "/api/v1/tokens", `{"user":"worker-b","role":"worker","teams":["team-north"]}`, "")
	if res.Status != http.StatusCreated {
		t.Fatalf("create: %d %s", res.Status, res.Body)
	}
	res.decode(t, &tok)
	if !strings.Contains(string(res.Body), `"created_by":"admin-t"`) {
		t.Errorf("created token does not say who made it: %s", res.Body)
	}
	as := *c
	as.token = tok.Token
	if res := as.do("GET", "/api/v1/children/ard-shannon/flags", nil, ""); res.Status != http.StatusOK {
		t.Fatalf("read as worker-b: %d", res.Status)
	}
	c.as(graph.Principal{User: "worker-a", Role: graph.RoleWorker}).do("GET", "/api/v1/children/ard-kieran/flags", nil, "")
	for _, user := range []string{"cli:someone", "CLI:someone"} {
		if res := c.as(admin).do("POST", "/api/v1/tokens", `{"user":"`+user+`","role":"admin"}`, ""); res.Status != http.StatusBadRequest ||
			!strings.Contains(string(res.Body), `"field":"user"`) {
			t.Errorf("token for %s: got %d %s, want 400 naming user", user, res.Status, res.Body)
		}
	}
	var trail struct{ Items []graph.AuditEvent }
	c.as(admin).do("GET", "/api/v1/audit?from=2020-01-01", nil, "").decode(t, &trail)
	var created, read, oidc *graph.AuditEvent
	for i, e := range trail.Items {
		switch {
		case e.Action == "create_token" && e.Status == http.StatusCreated:
			created = &trail.Items[i]
		case e.Action == "read_flags" && e.User == "worker-b":
			read = &trail.Items[i]
		case e.Action == "read_flags" && e.User == "worker-a":
			oidc = &trail.Items[i]
		}
	}
	if created == nil || created.Record != tok.ID || created.ForUser != "worker-b" || created.ForRole != graph.RoleWorker ||
		!slices.Equal(created.ForTeams, []string{"team-north"}) || created.Credential != "oidc:test-user" {
		t.Errorf("create_token event: %+v, want the token id, worker-b, worker, team-north and the admin's credential", created)
	}
	if read == nil || read.Credential != "token:"+tok.ID || read.IssuedBy != "admin-t" {
		t.Errorf("worker-b's read with the admin's token: %+v, want credential token:%s issued by admin-t", read, tok.ID)
	}
	if oidc == nil || oidc.Credential != "oidc:test-user" || oidc.IssuedBy != "" {
		t.Errorf("an OIDC read: %+v, want credential oidc:test-user", oidc)
	}
	// The identity provider cannot hand out the command line's names.
	cli := c.as(graph.Principal{User: "cli:root", Role: graph.RoleAdmin})
	if res := cli.do("GET", "/api/v1/audit", nil, ""); res.Status != http.StatusUnauthorized {
		t.Errorf("OIDC user cli:root: got %d, want 401", res.Status)
	}
}
