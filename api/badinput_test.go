package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/internal/neo4jtest"
)

// seed is a small valid world the bad-input cases refer to.
const seed = `{"format":"kinmap/v1",
"people":[{"id":"b-kid","full_name":"Kai Example","looked_after":true},{"id":"b-mum","full_name":"Mo Example"}],
"households":[{"id":"b-h","kind":"foster"},{"id":"b-h2","kind":"kinship"}],
"residences":[{"id":"b-r","person":"b-kid","household":"b-h","from":"2024-01-01"}],
"relationships":[{"id":"b-rel","from":"b-mum","to":"b-kid","kind":"parent","since":"2015-01-01"}],
"contacts":[],
"assignments":[{"id":"b-as","worker":"worker-t","team":"team-test","child":"b-kid"}]}`

// TestBadInputWritesNothing: every write path rejects bad input with a
// 4xx JSON error naming the field, and the database is unchanged.
func TestBadInputWritesNothing(t *testing.T) {
	c := newClient(t)
	if res := c.as(admin).do("POST", "/api/v1/import", seed, ""); res.Status != http.StatusOK {
		t.Fatalf("seed import: %d %s", res.Status, res.Body)
	}
	big := `{"id":"x","full_name":"` + strings.Repeat("a", 1<<20) + `"}`
	tests := []struct {
		name, method, path, body, ctype string
		status                          int
		field                           string // "" when the error is not about a field
	}{
		{"missing required field", "POST", "/api/v1/people", `{"id":"x"}`, "", 400, "full_name"},
		{"unknown household kind", "POST", "/api/v1/households", `{"id":"x","kind":"castle"}`, "", 400, "kind"},
		{"unknown council area", "POST", "/api/v1/households", `{"id":"x","kind":"foster","council_area":"S12999999"}`, "", 400, "council_area"},
		{"update: unknown council area", "PUT", "/api/v1/households/b-h", `{"kind":"foster","council_area":"Glasgow"}`, "", 400, "council_area"},
		{"import: unknown council area", "POST", "/api/v1/import", `{"format":"kinmap/v1","households":[{"id":"n-h","kind":"foster","council_area":"S12000046"}]}`, "", 400, "households[0].council_area"},
		{"unknown relationship kind", "POST", "/api/v1/relationships", `{"from":"b-kid","to":"b-mum","kind":"nemesis"}`, "", 400, "kind"},
		// An id that does not exist answers like one outside the caller's
		// scope (404), so that ids cannot be probed for existence.
		{"relationship to a missing person", "POST", "/api/v1/relationships", `{"from":"b-kid","to":"ghost","kind":"friend"}`, "", 404, "to"},
		{"residence in a missing household", "POST", "/api/v1/residences", `{"person":"b-kid","household":"ghost","from":"2024-01-01"}`, "", 404, "household"},
		{"contact with a missing person", "POST", "/api/v1/contacts", `{"from":"ghost","to":"b-kid","date":"2024-01-01","kind":"call"}`, "", 404, "from"},
		{"relationship to oneself", "POST", "/api/v1/relationships", `{"from":"b-kid","to":"b-kid","kind":"friend"}`, "", 400, "to"},
		{"contact through a missing person", "POST", "/api/v1/relationships", `{"from":"b-kid","to":"b-mum","kind":"friend","contact":{"mode":"indirect","via":"ghost"}}`, "", 404, "contact.via"},
		{"contact through one of the two", "POST", "/api/v1/relationships", `{"from":"b-kid","to":"b-mum","kind":"friend","contact":{"mode":"indirect","via":"b-mum"}}`, "", 400, "contact.via"},
		{"no contact through someone", "POST", "/api/v1/relationships", `{"from":"b-kid","to":"b-mum","kind":"friend","contact":{"mode":"none","via":"b-kid"}}`, "", 400, "contact.via"},
		{"import: contact through nobody", "POST", "/api/v1/import", `{"format":"kinmap/v1","people":[{"id":"n1","full_name":"A"}],"relationships":[{"id":"n-rel","from":"n1","to":"b-kid","kind":"friend","contact":{"mode":"indirect","via":"ghost"}}]}`, "", 400, "relationships[0].contact.via"},
		{"until before since", "POST", "/api/v1/relationships", `{"from":"b-kid","to":"b-mum","kind":"friend","since":"2024-05-01","until":"2024-04-01"}`, "", 400, "until"},
		{"end before start", "POST", "/api/v1/relationships/b-rel/end", `{"until":"2014-01-01"}`, "", 400, "until"},
		{"impossible date", "POST", "/api/v1/people", `{"id":"x","full_name":"X","date_of_birth":"2023-02-30"}`, "", 400, "date_of_birth"},
		{"impossible nested date", "POST", "/api/v1/relationships", `{"from":"b-kid","to":"b-mum","kind":"other","restriction":{"kind":"no_contact","basis":"order","since":"2024-13-01"}}`, "", 400, "restriction.since"},
		{"date of the wrong type", "POST", "/api/v1/contacts", `{"from":"b-kid","to":"b-mum","kind":"call","date":20240101}`, "", 400, "date"},
		{"view by someone not in the relationship", "POST", "/api/v1/relationships", `{"from":"b-kid","to":"b-mum","kind":"friend","said":[{"by":"b-kid2","on":"2024-01-01","words":"x"}]}`, "", 400, "said[0].by"},
		{"view in the future", "POST", "/api/v1/relationships", `{"from":"b-kid","to":"b-mum","kind":"friend","said":[{"by":"b-mum","on":"2099-01-01","words":"x"}]}`, "", 400, "said[0].on"},
		{"assessment in the future", "POST", "/api/v1/children/b-kid/assessments", `{"date":"2099-01-01","stage":"initial","worker":"worker-t"}`, "", 400, "date"},
		{"assessment of an unknown stage", "POST", "/api/v1/children/b-kid/assessments", `{"date":"2024-01-01","stage":"final","worker":"worker-t"}`, "", 400, "stage"},
		{"plan action due before it was made", "POST", "/api/v1/children/b-kid/plan-actions", `{"what":"x","owner":"worker","made":"2024-02-01","due":"2024-01-01","status":"planned"}`, "", 400, "due"},
		{"sibling type on a parent", "POST", "/api/v1/relationships", `{"from":"b-mum","to":"b-kid","kind":"parent","sibling_type":"full"}`, "", 400, "sibling_type"},
		{"sibling without sub-kind", "POST", "/api/v1/relationships", `{"from":"b-mum","to":"b-kid","kind":"sibling"}`, "", 400, "sibling_type"},
		{"unknown field", "POST", "/api/v1/people", `{"id":"x","full_name":"X","favourite":"blue"}`, "", 400, "favourite"},
		{"wrong JSON type", "POST", "/api/v1/people", `{"id":"x","full_name":"X","looked_after":"yes"}`, "", 400, "looked_after"},
		{"invalid id", "POST", "/api/v1/people", `{"id":"has space","full_name":"X"}`, "", 400, "id"},
		{"duplicate id", "POST", "/api/v1/people", `{"id":"b-kid","full_name":"X"}`, "", 409, "id"},
		{"id differs from path", "PUT", "/api/v1/people/b-kid", `{"id":"b-mum","full_name":"X"}`, "", 400, "id"},
		{"update of a missing record", "PUT", "/api/v1/people/ghost", `{"full_name":"X"}`, "", 404, "id"},
		{"malformed JSON", "POST", "/api/v1/people", `{"id":"x",`, "", 400, ""},
		{"two JSON values", "POST", "/api/v1/people", `{"id":"x","full_name":"X"}{}`, "", 400, ""},
		{"null for a string", "POST", "/api/v1/people", `{"id":"x","full_name":"X","notes":null}`, "", 400, "notes"},
		{"assignment: child not recorded", "POST", "/api/v1/assignments", `{"worker":"w","child":"ghost"}`, "", 404, "child"},
		{"a stray bracket after the value", "POST", "/api/v1/people", `{"id":"x","full_name":"X"}]`, "", 400, ""},
		{"wrong content type", "POST", "/api/v1/people", `{"id":"x","full_name":"X"}`, "text/plain", 415, ""},
		{"body over the limit", "POST", "/api/v1/people", big, "", 413, ""},
		{"import: duplicate ids", "POST", "/api/v1/import", `{"format":"kinmap/v1","people":[{"id":"n1","full_name":"A"},{"id":"n1","full_name":"B"}],"households":[],"residences":[],"relationships":[],"contacts":[]}`, "", 400, "people[1].id"},
		{"import: unknown reference", "POST", "/api/v1/import", `{"format":"kinmap/v1","people":[{"id":"n1","full_name":"A"}],"households":[],"residences":[],"relationships":[{"id":"n-rel","from":"n1","to":"ghost","kind":"friend"}],"contacts":[]}`, "", 400, "relationships[0].to"},
		{"import: wrong content type", "POST", "/api/v1/import", `{"format":"kinmap/v1"}`, "text/csv", 415, ""},
		{"update: unknown household kind", "PUT", "/api/v1/households/b-h", `{"kind":"castle"}`, "", 400, "kind"},
		{"update: until before since", "PUT", "/api/v1/relationships/b-rel", `{"from":"b-mum","to":"b-kid","kind":"parent","since":"2015-01-01","until":"2014-01-01"}`, "", 400, "until"},
		{"update: ending through an update", "PUT", "/api/v1/relationships/b-rel", `{"from":"b-mum","to":"b-kid","kind":"parent","since":"2015-01-01","until":"2024-01-01"}`, "", 400, "until"},
		{"update: impossible effective date", "PUT", "/api/v1/relationships/b-rel?effective=2026-02-30", `{"from":"b-mum","to":"b-kid","kind":"parent","since":"2015-01-01","contact":{"mode":"none"}}`, "", 400, "effective"},
		{"update: effective before since", "PUT", "/api/v1/relationships/b-rel?effective=2014-12-31", `{"from":"b-mum","to":"b-kid","kind":"parent","since":"2015-01-01","contact":{"mode":"none"}}`, "", 400, "effective"},
		{"update: history from the client", "PUT", "/api/v1/relationships/b-rel", `{"from":"b-mum","to":"b-kid","kind":"parent","since":"2015-01-01","history":[{"until":"2020-01-01"}]}`, "", 400, "history"},
		{"create: history from the client", "POST", "/api/v1/relationships", `{"from":"b-mum","to":"b-kid","kind":"friend","history":[{"until":"2020-01-01"}]}`, "", 400, "history"},
		{"update: moving an end", "PUT", "/api/v1/relationships/b-rel", `{"from":"b-kid","to":"b-mum","kind":"parent"}`, "", 400, "from"},
		{"end without a date", "POST", "/api/v1/residences/b-r/end", `{}`, "", 400, "until"},
		{"end of a missing record", "POST", "/api/v1/relationships/ghost/end", `{"until":"2024-01-01"}`, "", 404, "id"},
		{"assignment: impossible date", "POST", "/api/v1/assignments", `{"worker":"w","child":"b-kid","since":"2024-13-01"}`, "", 400, "since"},
		{"assignment: missing child", "POST", "/api/v1/assignments", `{"worker":"w"}`, "", 400, "child"},
		{"move: no date", "POST", "/api/v1/people/b-kid/moves", `{"household":"b-h"}`, "", 400, "from"},
		{"move: into the same home", "POST", "/api/v1/people/b-kid/moves", `{"household":"b-h","from":"2025-01-01"}`, "", 400, "household"},
		{"move: not after the current home began", "POST", "/api/v1/people/b-kid/moves", `{"household":"b-h2","from":"2024-01-01"}`, "", 400, "from"},
		{"move: unknown home", "POST", "/api/v1/people/b-kid/moves", `{"household":"ghost","from":"2025-01-01"}`, "", 404, "household"},
		{"move: unknown field", "POST", "/api/v1/people/b-kid/moves", `{"household":"b-h2","from":"2025-01-01","person":"b-mum"}`, "", 400, "person"},
		{"import: wrong format", "POST", "/api/v1/import", `{"format":"v0","people":[],"households":[],"residences":[],"relationships":[],"contacts":[]}`, "", 400, "format"},
		{"import: one bad record among good ones", "POST", "/api/v1/import", `{"format":"kinmap/v1","people":[{"id":"n1","full_name":"A"},{"id":"n2","full_name":"B","age_band":"ancient"}],"households":[],"residences":[],"relationships":[],"contacts":[]}`, "", 400, "people[1].age_band"},
		{"invalid UTF-8", "POST", "/api/v1/people", "{\"id\":\"x\",\"full_name\":\"Bo\xff\"}", "", 400, "full_name"},
		{"lone surrogate escape", "POST", "/api/v1/people", `{"id":"x","full_name":"Bo\ud800"}`, "", 400, "full_name"},
		{"escape character in a name", "POST", "/api/v1/people", `{"id":"x","full_name":"Bo\u001b[2J"}`, "", 400, "full_name"},
		{"bell in notes", "POST", "/api/v1/people", `{"id":"x","full_name":"Bo","notes":"ring\u0007"}`, "", 400, "notes"},
		{"duplicate key", "POST", "/api/v1/people", `{"id":"x","full_name":"Bo","full_name":"Al"}`, "", 400, "full_name"},
		{"key in the wrong case", "POST", "/api/v1/people", `{"id":"x","FULL_NAME":"Bo"}`, "", 400, "FULL_NAME"},
		{"nested key in the wrong case", "POST", "/api/v1/relationships", `{"from":"b-kid","to":"b-mum","kind":"friend","from_view":{"Circle":"close"}}`, "", 400, "from_view.Circle"},
		{"import: control character in a record", "POST", "/api/v1/import", `{"format":"kinmap/v1","people":[{"id":"n1","full_name":"A"},{"id":"n2","full_name":"B\u001b"}],"households":[],"residences":[],"relationships":[],"contacts":[]}`, "", 400, "people[1].full_name"},
		{"import: duplicate key in a record", "POST", "/api/v1/import", `{"format":"kinmap/v1","people":[{"id":"n1","full_name":"A"},{"id":"n2","full_name":"B","id":"n3"}],"households":[],"residences":[],"relationships":[],"contacts":[]}`, "", 400, "people[1].id"},
		{"import: invalid UTF-8 in a record", "POST", "/api/v1/import", "{\"format\":\"kinmap/v1\",\"people\":[{\"id\":\"n1\",\"full_name\":\"A\"},{\"id\":\"n2\",\"full_name\":\"B\xc3\"}],\"households\":[],\"residences\":[],\"relationships\":[],\"contacts\":[]}", "", 400, "people[1].full_name"},
		{"import: wrong JSON type in a record", "POST", "/api/v1/import", `{"format":"kinmap/v1","people":[{"id":"n1","full_name":"A"},{"id":"n2","full_name":5}],"households":[],"residences":[],"relationships":[],"contacts":[]}`, "", 400, "people[1].full_name"},
		{"import: an object for a string in a record", "POST", "/api/v1/import", `{"format":"kinmap/v1","people":[{"id":"n1","full_name":"A"},{"id":"n2","full_name":{}}],"households":[],"residences":[],"relationships":[],"contacts":[]}`, "", 400, "people[1].full_name"},
		{"import: a string for a boolean in a record", "POST", "/api/v1/import", `{"format":"kinmap/v1","people":[{"id":"n1","full_name":"A"},{"id":"n2","full_name":"B","looked_after":"yes"}],"households":[],"residences":[],"relationships":[],"contacts":[]}`, "", 400, "people[1].looked_after"},
		{"import: unknown field in a record", "POST", "/api/v1/import", `{"format":"kinmap/v1","people":[{"id":"n1","full_name":"A"},{"id":"n2","fullname":"B"}],"households":[],"residences":[],"relationships":[],"contacts":[]}`, "", 400, "people[1].fullname"},
		{"bad as_of", "GET", "/api/v1/children/b-kid/network?as_of=yesterday", "", "", 400, "as_of"},
		{"bad limit", "GET", "/api/v1/children?limit=0", "", "", 400, "limit"},
		{"network of a missing child", "GET", "/api/v1/children/ghost/network", "", "", 404, "id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n0, r0 := neo4jtest.Counts(t)
			var body any
			if tt.body != "" {
				body = tt.body
			}
			cl := c
			if strings.Contains(tt.path, "/import") || strings.HasSuffix(tt.path, "/assignments") {
				cl = c.as(admin)
			}
			res := cl.do(tt.method, tt.path, body, tt.ctype)
			if res.Status != tt.status {
				t.Fatalf("got %d %.300s, want %d", res.Status, res.Body, tt.status)
			}
			var e struct {
				Error struct {
					Code, Message string
					Fields        []struct{ Field, Message string }
				}
			}
			res.decode(t, &e)
			if e.Error.Code == "" || e.Error.Message == "" {
				t.Errorf("got error body %s, want code and message", res.Body)
			}
			if tt.field != "" {
				named := false
				for _, f := range e.Error.Fields {
					named = named || f.Field == tt.field
				}
				if !named {
					t.Errorf("got fields %+v, want one naming %q", e.Error.Fields, tt.field)
				}
			}
			if n1, r1 := neo4jtest.Counts(t); n1 != n0 || r1 != r0 {
				t.Errorf("database changed: got %d nodes %d rels, want %d and %d", n1, r1, n0, r0)
			}
		})
	}
}

// TestOverLongNameNamesTheLimit: a name over the limit is refused with
// the limit in the message, so that the user knows how far to cut it.
func TestOverLongNameNamesTheLimit(t *testing.T) {
	c := newClient(t)
	res := c.do("POST", "/api/v1/people", `{"id":"long","full_name":"`+strings.Repeat("a", graph.MaxNameLen+1)+`"}`, "")
	want := fmt.Sprintf("is longer than %d characters", graph.MaxNameLen)
	if res.Status != http.StatusBadRequest || !strings.Contains(string(res.Body), `"field":"full_name","message":"`+want) {
		t.Errorf("over-long name: got %d %.300s, want 400 naming full_name: %q", res.Status, res.Body, want)
	}
}
