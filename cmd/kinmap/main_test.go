package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/internal/neo4jtest"
)

func TestMain(m *testing.M) { os.Exit(neo4jtest.Run(m)) }

// kinmap runs the command line in process against the test Neo4j.
func kinmap(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	t.Setenv("NEO4J_URI", neo4jtest.URI())
	t.Setenv("NEO4J_PASSWORD", neo4jtest.Password())
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return out.String(), errb.String(), code
}

func TestImportExportRoundTrip(t *testing.T) {
	neo4jtest.Reset(t)
	dir := t.TempDir()
	want, err := fixtures.All()
	if err != nil {
		t.Fatal(err)
	}
	want.Sort()
	in := filepath.Join(dir, "in.json")
	b, _ := json.Marshal(want)
	if err := os.WriteFile(in, b, 0o600); err != nil {
		t.Fatal(err)
	}
	for i := range 2 { // twice: the second import creates nothing new
		if out, errs, code := kinmap(t, "import", in); code != 0 || !strings.Contains(out, "imported") {
			t.Fatalf("import #%d: code %d, %s %s", i+1, code, out, errs)
		}
	}
	n1, r1 := neo4jtest.Counts(t)
	out := filepath.Join(dir, "out.json")
	if _, errs, code := kinmap(t, "export", "-o", out); code != 0 {
		t.Fatalf("export: code %d: %s", code, errs)
	}
	var got graph.Document
	raw, _ := os.ReadFile(out)
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("export is not a document: %v", err)
	}
	if !reflect.DeepEqual(&got, &want) {
		t.Errorf("import -> export is not lossless")
	}
	neo4jtest.Reset(t)
	if _, errs, code := kinmap(t, "import", out); code != 0 {
		t.Fatalf("re-import: %s", errs)
	}
	if n2, r2 := neo4jtest.Counts(t); n1 != n2 || r1 != r2 {
		t.Errorf("re-import of the export: got %d/%d, want %d/%d", n2, r2, n1, r1)
	}
}

func TestImportRejectsBadFileWritingNothing(t *testing.T) {
	neo4jtest.Reset(t)
	bad := filepath.Join(t.TempDir(), "bad.json")
	doc := `{"format":"kinmap/v1","people":[{"id":"x1","full_name":"A"}],"households":[],"residences":[],
"relationships":[{"id":"r1","from":"x1","to":"x1","kind":"friend"}],"contacts":[]}`
	if err := os.WriteFile(bad, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errs, code := kinmap(t, "import", bad)
	if code != 1 || !strings.Contains(errs, "relationships[0].to") {
		t.Errorf("got code %d, stderr %q; want 1 naming relationships[0].to", code, errs)
	}
	if n, r := neo4jtest.Counts(t); n != 0 || r != 0 {
		t.Errorf("got %d nodes %d rels after a refused import, want none", n, r)
	}
}

func TestAnalyseAndReport(t *testing.T) {
	neo4jtest.Reset(t)
	if _, errs, code := kinmap(t, "demo"); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	out, errs, code := kinmap(t, "analyse", "--child", "ard-shannon", "--as-of", "2026-11-01", "--since", "2025-11-01")
	if code != 0 || !strings.Contains(out, "separated_sibling") || !strings.Contains(out, "Sibling group") {
		t.Errorf("analyse: code %d\n%s%s", code, out, errs)
	}
	out, _, code = kinmap(t, "analyse", "--child", "ard-shannon", "--as-of", "2026-11-01", "--json")
	if code != 0 || !json.Valid([]byte(out)) {
		t.Errorf("analyse --json: code %d, valid JSON %v", code, json.Valid([]byte(out)))
	}
	out, _, code = kinmap(t, "report", "--as-of", "2026-11-01", "--format", "csv")
	if code != 0 || !strings.Contains(out, "disclosure,suppressed") {
		t.Errorf("report csv: code %d, want disclosure control: %s", code, out)
	}
	out, errs, code = kinmap(t, "report", "--as-of", "2026-11-01", "--unsuppressed")
	if code != 0 || !strings.Contains(out, `"suppressed": false`) || !strings.Contains(errs, "UNSUPPRESSED") || strings.Contains(out, `"separations": "c"`) {
		t.Errorf("report --unsuppressed: code %d, %s%s", code, out, errs)
	}
	t.Setenv("KINMAP_DISCLOSURE_THRESHOLD", "0")
	if _, errs, code := kinmap(t, "report"); code != 2 || !strings.Contains(errs, "KINMAP_DISCLOSURE_THRESHOLD") {
		t.Errorf("report with threshold 0: code %d, %s", code, errs)
	}
	t.Setenv("KINMAP_DISCLOSURE_THRESHOLD", "") // a bad setting stops every command at start
	if _, _, code := kinmap(t, "analyse"); code != 2 {
		t.Errorf("analyse without --child: got code %d, want 2", code)
	}
	if _, errs, code := kinmap(t, "analyse", "--child", "ard-shannon", "--move-window-days", "0"); code != 2 || !strings.Contains(errs, "--move-window-days") {
		t.Errorf("analyse --move-window-days 0: got code %d %q, want 2 naming the flag", code, errs)
	}
	// Ten years' grace: fewer connections count as lost.
	lost := func(args ...string) int {
		out, _, _ := kinmap(t, append([]string{"analyse", "--child", "ard-shannon", "--as-of", "2026-11-01", "--json"}, args...)...)
		return strings.Count(out, `"lost_connection"`) + strings.Count(out, `"lost_at_move"`)
	}
	if usual, patient := lost(), lost("--lost-after-days", "3650", "--move-window-days", "30"); patient >= usual {
		t.Errorf("lost connections: got %d with ten years' grace, %d with the default; want fewer", patient, usual)
	}
	if _, errs, code := kinmap(t, "analyse", "--child", "ghost", "--as-of", "2026-11-01"); code != 1 || !strings.Contains(errs, "no person") {
		t.Errorf("analyse ghost: code %d, %s", code, errs)
	}
	if _, _, code := kinmap(t, "nonsense"); code != 2 {
		t.Errorf("unknown command: got code %d, want 2", code)
	}
}

func TestRender(t *testing.T) {
	neo4jtest.Reset(t)
	if _, errs, code := kinmap(t, "demo"); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	dir := t.TempDir()
	for _, tt := range []struct{ args []string }{
		{[]string{"--audience", "family", "--format", "svg"}},
		{[]string{"--audience", "child", "--format", "png"}},
		{[]string{"--format", "dot", "--since", "2025-11-01"}},
		{[]string{"--sibling-group"}},
	} {
		out := filepath.Join(dir, "map")
		args := append([]string{"render", "--child", "ard-kieran", "--as-of", "2026-11-01", "-o", out}, tt.args...)
		if _, errs, code := kinmap(t, args...); code != 0 {
			t.Errorf("%v: code %d: %s", tt.args, code, errs)
			continue
		}
		if fi, err := os.Stat(out); err != nil || fi.Size() < 100 {
			t.Errorf("%v: got %v, %v; want a map", tt.args, fi, err)
		}
	}
	if _, _, code := kinmap(t, "render", "--child", "ard-kieran", "--audience", "public"); code != 2 {
		t.Errorf("bad audience: got code %d, want 2", code)
	}
}

func TestTokenAndAuditCommands(t *testing.T) {
	neo4jtest.Reset(t)
	out, errs, code := kinmap(t, "token", "create", "--user", "worker-a", "--role", "worker", "--team", "team-north", "--expires", "720h")
	secret := strings.TrimSpace(out)
	if code != 0 || !strings.HasPrefix(secret, "km_") || !strings.Contains(errs, "shown once") {
		t.Fatalf("token create: code %d, out %q, err %q", code, out, errs)
	}
	out, _, code = kinmap(t, "token", "list")
	if code != 0 || !strings.Contains(out, "worker-a") || strings.Contains(out, secret) {
		t.Errorf("token list: code %d, %q (must not show the secret)", code, out)
	}
	id := strings.Fields(out)[0]
	if _, errs, code := kinmap(t, "token", "revoke", id); code != 0 {
		t.Errorf("token revoke: %s", errs)
	}
	if out, _, _ := kinmap(t, "token", "list"); !strings.Contains(out, "inactive") {
		t.Errorf("after revoke: %q, want the token inactive", out)
	}
	if _, _, code := kinmap(t, "token", "create", "--user", "x", "--role", "superuser"); code != 1 {
		t.Errorf("unknown role: got code %d, want 1", code)
	}
	// Names beginning cli: are the command line's own.
	if _, _, code := kinmap(t, "token", "create", "--user", "cli:root", "--role", "admin"); code != 1 {
		t.Errorf("token for cli:root: got code %d, want 1", code)
	}
	out, _, code = kinmap(t, "audit", "--from", "2026-01-01", "--json")
	if code != 0 {
		t.Errorf("audit: code %d", code)
	}
	// The command line's own use is on the trail: the operator, the
	// command, and whether it worked.
	var events []graph.AuditEvent
	if err := json.Unmarshal([]byte(out), &events); err != nil {
		t.Fatalf("audit --json: %v: %.200s", err, out)
	}
	var got []string
	for _, e := range events {
		if !strings.HasPrefix(e.User, "cli:") || e.Role != graph.RoleAdmin {
			t.Errorf("event %s: got user %q role %q, want cli:USER as admin", e.Action, e.User, e.Role)
		}
		got = append(got, e.Action+" "+e.Outcome)
		if e.Credential != "cli" {
			t.Errorf("event %s: credential %q, want cli", e.Action, e.Credential)
		}
	}
	// The token's creation names it, whom it is for, its role and teams.
	if first := events[0]; first.Record != id || first.ForUser != "worker-a" || first.ForRole != graph.RoleWorker ||
		!reflect.DeepEqual(first.ForTeams, []string{"team-north"}) {
		t.Errorf("cli_token_create event: %+v, want token %s for worker-a, worker, team-north", first, id)
	}
	want := []string{"cli_token_create allowed", "cli_token_list allowed", "cli_token_revoke allowed",
		"cli_token_list allowed", "cli_token_create error", "cli_token_create error"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("audit trail of the commands:\ngot  %q\nwant %q", got, want)
	}
}

func TestFlagValue(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--child", "ard-amy"}, "ard-amy"},
		{[]string{"-child=ard-amy", "--json"}, "ard-amy"},
		{[]string{"--audience", "family", "--child"}, ""},
		{[]string{"--json"}, ""},
	} {
		if got := flagValue(tt.args, "child"); got != tt.want {
			t.Errorf("flagValue(%q): got %q, want %q", tt.args, got, tt.want)
		}
	}
}

// TestImportRefusesLaxJSON: the CLI import reads files as strictly as the
// API: a repeated key, a key in the wrong case, bytes that are not UTF-8
// and control characters are refused, naming the record, nothing written.
func TestImportRefusesLaxJSON(t *testing.T) {
	neo4jtest.Reset(t)
	tests := []struct{ name, doc, field string }{
		{"duplicate key", `{"format":"kinmap/v1","people":[{"id":"x1","full_name":"A","full_name":"B"}],"households":[],"residences":[],"relationships":[],"contacts":[]}`, "people[0].full_name"},
		{"key in the wrong case", `{"format":"kinmap/v1","people":[{"id":"x1","FULL_NAME":"A"}],"households":[],"residences":[],"relationships":[],"contacts":[]}`, "people[0].FULL_NAME"},
		{"invalid UTF-8", "{\"format\":\"kinmap/v1\",\"people\":[{\"id\":\"x1\",\"full_name\":\"A\xff\"}],\"households\":[],\"residences\":[],\"relationships\":[],\"contacts\":[]}", "people[0].full_name"},
		{"escape character", `{"format":"kinmap/v1","people":[{"id":"x1","full_name":"A\u001b[2J"}],"households":[],"residences":[],"relationships":[],"contacts":[]}`, "people[0].full_name"},
	}
	for _, tt := range tests {
		bad := filepath.Join(t.TempDir(), "bad.json")
		if err := os.WriteFile(bad, []byte(tt.doc), 0o600); err != nil {
			t.Fatal(err)
		}
		_, errs, code := kinmap(t, "import", bad)
		if code != 1 || !strings.Contains(errs, tt.field) {
			t.Errorf("%s: got code %d, stderr %q; want 1 naming %s", tt.name, code, errs, tt.field)
		}
		if n, r := neo4jtest.Counts(t); n != 0 || r != 0 {
			t.Errorf("%s: got %d nodes %d rels after a refused import, want none", tt.name, n, r)
		}
	}
}

// TestExportOfAnEmptyStoreIsADocument: the streamed export of nothing is
// a document with [] lists, which imports.
func TestExportOfAnEmptyStoreIsADocument(t *testing.T) {
	neo4jtest.Reset(t)
	out, errs, code := kinmap(t, "export")
	want := "{\n  \"format\": \"kinmap/v1\",\n  \"people\": [],\n  \"households\": [],\n  \"residences\": [],\n  \"relationships\": [],\n  \"contacts\": []\n}\n"
	if code != 0 || out != want {
		t.Fatalf("export of an empty store: code %d, %q %s, want %q", code, out, errs, want)
	}
	file := filepath.Join(t.TempDir(), "empty.json")
	if err := os.WriteFile(file, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := kinmap(t, "import", file); code != 0 {
		t.Errorf("import of the empty export: code %d, %s", code, errs)
	}
}
