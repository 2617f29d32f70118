package graph_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"testing"

	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
)

func scanAll(t testing.TB, b []byte) (graph.Document, error) {
	t.Helper()
	var d graph.Document
	f, err := graph.ScanDocument(bytes.NewReader(b), func(_ string, _ int, rec any) error {
		return d.Records.Add(rec)
	})
	d.Format = f
	return d, err
}

// TestScanDocumentReadsWhatDecodeJSONReads: record by record, the same
// records as decoding the whole document.
func TestScanDocumentReadsWhatDecodeJSONReads(t *testing.T) {
	doc := fixtures.Generate(fixtures.GenConfig{Seed: 5, Children: 25})
	b, err := json.Marshal(&doc)
	if err != nil {
		t.Fatal(err)
	}
	var want graph.Document
	if err := graph.DecodeJSON(b, &want); err != nil {
		t.Fatal(err)
	}
	got, err := scanAll(t, b)
	if err != nil {
		t.Fatalf("ScanDocument: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ScanDocument read another document than DecodeJSON")
	}
}

// validateStream runs the streaming validator over a document's JSON.
func validateStream(t *testing.T, b []byte) []string {
	t.Helper()
	v := graph.NewDocumentValidator()
	f, err := graph.ScanDocument(bytes.NewReader(b), func(list string, i int, rec any) error {
		v.Add(list, i, rec)
		return nil
	})
	if err != nil {
		t.Fatalf("ScanDocument: %v", err)
	}
	v.Format(f)
	return fields(v.Err(nil))
}

func fields(err error) []string {
	var out []string
	for _, f := range graph.Fields(err) {
		out = append(out, f.Field)
	}
	slices.Sort(out)
	return out
}

// TestDocumentValidatorFindsWhatValidateFinds: the same problems, by
// field, as Document.Validate on the whole document.
func TestDocumentValidatorFindsWhatValidateFinds(t *testing.T) {
	doc := fixtures.Generate(fixtures.GenConfig{Seed: 5, Children: 10})
	doc.People[2].ID = doc.People[1].ID     // duplicate id
	doc.Contacts[1].ID = doc.Contacts[0].ID // duplicate edge id
	doc.Relationships[0].To = "ghost"       // unknown person
	doc.Residences[0].Household = "nowhere" // unknown household
	doc.Assignments[0].Child = doc.People[len(doc.People)-1].ID + "x"
	doc.People[4].FullName = "bad\u001bname" // a record's own rule
	doc.Format = "kinmap/v0"
	b, _ := json.Marshal(&doc)
	want := fields(doc.Validate(nil))
	if len(want) < 6 {
		t.Fatalf("the document should have at least 6 problems, Validate found %v", want)
	}
	if got := validateStream(t, b); !reflect.DeepEqual(got, want) {
		t.Errorf("streaming validator: got %v, want %v", got, want)
	}
	ok := fixtures.Generate(fixtures.GenConfig{Seed: 5, Children: 10})
	b, _ = json.Marshal(&ok)
	if got := validateStream(t, b); len(got) != 0 {
		t.Errorf("a valid document: got problems %v", got)
	}
}

func BenchmarkScanAndValidate(b *testing.B) {
	doc := fixtures.Generate(fixtures.GenConfig{Seed: 1, Children: 1000})
	raw, _ := json.Marshal(&doc)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		v := graph.NewDocumentValidator()
		f, err := graph.ScanDocument(bytes.NewReader(raw), func(list string, i int, rec any) error {
			v.Add(list, i, rec)
			return nil
		})
		v.Format(f)
		if err != nil || v.Err(nil) != nil {
			b.Fatal(err)
		}
	}
}

// TestWriteDocumentWritesWhatEncodeWrites: byte for byte, indented or not,
// and with empty lists; the fixture families hold every list (assessments
// and plan actions too).
func TestWriteDocumentWritesWhatEncodeWrites(t *testing.T) {
	doc := fixtures.Generate(fixtures.GenConfig{Seed: 5, Children: 8})
	families, err := fixtures.All()
	if err != nil {
		t.Fatal(err)
	}
	if len(families.Assessments) == 0 || len(families.PlanActions) == 0 {
		t.Fatal("the fixture families hold no assessments or no plan actions")
	}
	empty := graph.Document{Format: graph.Format}
	for _, d := range []*graph.Document{&doc, &families, &empty} {
		for _, indent := range []string{"", "  "} {
			var want, got bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetIndent("", indent)
			if err := enc.Encode(d); err != nil {
				t.Fatal(err)
			}
			n := 0
			if err := graph.WriteDocument(&got, d, indent, func(k int) { n = k }); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("indent %q: WriteDocument differs from json.Encoder:\n%.300s\nwant\n%.300s", indent, got.Bytes(), want.Bytes())
			}
			if n != d.Total() {
				t.Errorf("indent %q: done told %d records, want %d", indent, n, d.Total())
			}
		}
	}
}
