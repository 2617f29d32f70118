package graph

import (
	"errors"
	"slices"
	"testing"
)

// TestTextControlCharacters: names are one line and hold no control
// characters; free text (notes, addresses, a child's words, reasons) may
// hold tabs and line breaks but no other control character, so nothing
// stored can move a terminal's cursor, ring its bell or hide text when the
// CLI prints it.
func TestTextControlCharacters(t *testing.T) {
	tests := []struct {
		name  string
		err   error
		field string // "" for valid
	}{
		{"name with ESC", Person{ID: "p", FullName: "Amy \x1b[2J"}.Validate(), "full_name"},
		{"name with BEL", Person{ID: "p", FullName: "Amy\a"}.Validate(), "full_name"},
		{"name with a line break", Person{ID: "p", FullName: "Amy\nExample"}.Validate(), "full_name"},
		{"name with a tab", Person{ID: "p", FullName: "Amy\tExample"}.Validate(), "full_name"},
		{"known_as with DEL", Person{ID: "p", FullName: "Amy", KnownAs: "A\x7f"}.Validate(), "known_as"},
		{"name with a C1 control", Person{ID: "p", FullName: "Amy\u009b2J"}.Validate(), "full_name"},
		{"notes with ESC", Person{ID: "p", FullName: "Amy", Notes: "ok\x1b]0;x\a"}.Validate(), "notes"},
		{"notes with tab and line breaks", Person{ID: "p", FullName: "Amy", Notes: "line one\r\n\tline two\n"}.Validate(), ""},
		{"household name with BEL", Household{ID: "h", Kind: HouseholdFoster, Name: "Gran\a"}.Validate(), "name"},
		{"locality with a line break", Household{ID: "h", Kind: HouseholdFoster, Locality: "North\nSouth"}.Validate(), "locality"},
		{"address on two lines", Household{ID: "h", Kind: HouseholdFoster, Address: "1 High St\nTown"}.Validate(), ""},
		{"address with ESC", Household{ID: "h", Kind: HouseholdFoster, Address: "1 High St\x1b"}.Validate(), "address"},
		{"relationship notes with a backspace", Relationship{ID: "r", From: "a", To: "b", Kind: RelFriend, Notes: "a\bb"}.Validate(), "notes"},
		{"words with ESC", Relationship{ID: "r", From: "a", To: "b", Kind: RelFriend, FromView: &View{Words: "my \x1bfriend"}}.Validate(), "from_view.words"},
		{"contact notes with NUL", Contact{ID: "c", From: "a", To: "b", Kind: ContactCall, Date: MustDate("2024-01-01"), Notes: "a\x00"}.Validate(), "notes"},
		{"replacement character is text", Person{ID: "p", FullName: "Amy \ufffd"}.Validate(), ""},
	}
	for _, tt := range tests {
		if tt.field == "" {
			if tt.err != nil {
				t.Errorf("%s: got %v, want valid", tt.name, tt.err)
			}
			continue
		}
		if !errors.Is(tt.err, ErrInvalid) || !slices.Contains(fields(tt.err), tt.field) {
			t.Errorf("%s: got %v (fields %v), want ErrInvalid naming %q", tt.name, tt.err, fields(tt.err), tt.field)
		}
	}
}
