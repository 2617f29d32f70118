package graph

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestEmptyListsAreWrittenAsArrays: an export with no contacts (or no
// records at all) is read back by the strict reader, which refuses null;
// a network is written as the OpenAPI document says (arrays, never null).
func TestEmptyListsAreWrittenAsArrays(t *testing.T) {
	b, err := json.Marshal(Document{Format: Format})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"format":"kinmap/v1","people":[],"households":[],"residences":[],"relationships":[],"contacts":[]}`
	if string(b) != want {
		t.Errorf("empty document: got %s, want %s", b, want)
	}
	var back Document
	if err := DecodeJSON(b, &back); err != nil {
		t.Errorf("the strict reader refuses an empty document's own output: %v", err)
	}
	d := Document{Format: Format, Records: Records{People: []Person{{ID: "p1", FullName: "A Person"}}}}
	if b, _ = json.Marshal(&d); !strings.Contains(string(b), `"people":[{"id":"p1"`) || !strings.Contains(string(b), `"contacts":[]`) {
		t.Errorf("document through a pointer: %s", b)
	}
	if b, _ = json.Marshal(Network{Child: "p1", AsOf: MustDate("2026-01-01")}); string(b) !=
		`{"child":"p1","as_of":"2026-01-01","people":[],"households":[],"residences":[],"relationships":[],"contacts":[]}` {
		t.Errorf("empty network: %s", b)
	}
}
