package graph

import "testing"

func TestWords(t *testing.T) {
	if got := MustDate("2024-01-05").Long(); got != "5 January 2024" {
		t.Errorf("Long: got %q", got)
	}
	if got := (Date{}).Long(); got != "" {
		t.Errorf("Long of the zero date: got %q, want empty", got)
	}
	want := map[AgeBand]string{AgeUnder5: "under 5", Age5to11: "5 to 11", Age12to15: "12 to 15", Age16to17: "16 or 17", AgeAdult: "adult", "": ""}
	for b, w := range want {
		if got := b.Words(); got != w {
			t.Errorf("%q.Words() = %q, want %q", b, got, w)
		}
	}
	for _, b := range AgeBands {
		if b.Words() == "" {
			t.Errorf("age band %q has no words", b)
		}
	}
}
