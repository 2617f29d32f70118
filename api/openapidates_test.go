package api_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kinmap/kinmap/api"
	"github.com/kinmap/kinmap/graph"
)

// TestOpenAPIDatesAreKinmapDates: every date pattern in openapi.json
// accepts exactly what graph.ParseDate accepts (real days of the years 1900
// to 2200; "" too where the field may be left empty), so that schemathesis
// draws no date the server refuses and no refused date passes as valid.
// Every format "date" has a pattern; a date that may be "" has no format
// (JSON Schema's date does not take "") and is known by its pattern, which
// spells out 29 February.
func TestOpenAPIDatesAreKinmapDates(t *testing.T) {
	var doc any
	if err := json.Unmarshal(api.OpenAPI(), &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	patterns := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			p, _ := x["pattern"].(string)
			if x["format"] == "date" && p == "" {
				t.Errorf("a date without a pattern: %v", x)
			}
			// (The audit's from and to also take a time: not dates alone.)
			if x["format"] == "date" || (strings.Contains(p, "02-29") && !strings.Contains(p, "T(")) {
				patterns[p] = true
			}
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(doc)
	var samples []string
	for day := time.Date(1899, 12, 20, 0, 0, 0, 0, time.UTC); day.Year() < 2202; day = day.AddDate(0, 0, 1) {
		samples = append(samples, day.Format(graph.DateLayout))
	}
	samples = append(samples, "2023-02-29", "1900-02-29", "2100-02-29", "2024-04-31", "2024-13-01", "2024-00-10", "2024-1-01", "0000-01-01", "9999-12-31", "2024-01-01T00:00:00Z", "")
	for p := range patterns {
		re, err := regexp.Compile(p)
		if err != nil {
			t.Fatalf("pattern %q: %v", p, err)
		}
		emptyOK := re.MatchString("")
		for _, s := range samples {
			_, err := graph.ParseDate(s)
			want := err == nil || (s == "" && emptyOK)
			if got := re.MatchString(s); got != want {
				t.Errorf("pattern %.40q... on %q: matches %v, ParseDate accepts %v", p, s, got, want)
			}
		}
	}
	if len(patterns) == 0 {
		t.Error("no date patterns found")
	}
}
