package graph

import (
	"encoding/json"
	"testing"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"2024-02-29", true},
		{"2023-02-29", false},
		{"2023-02-30", false},
		{"2024-13-01", false},
		{"2024-1-01", false},
		{"01/02/2024", false},
		{"1899-12-31", false},
		{"", false},
	}
	for _, tt := range tests {
		_, err := ParseDate(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParseDate(%q): got error %v, want ok=%v", tt.in, err, tt.ok)
		}
	}
}

func TestDateJSON(t *testing.T) {
	var v struct {
		D Date `json:"d"`
		E Date `json:"e,omitzero"`
	}
	if err := json.Unmarshal([]byte(`{"d":"2024-03-31"}`), &v); err != nil || v.D != MustDate("2024-03-31") {
		t.Fatalf("unmarshal: got %v, %v", v.D, err)
	}
	b, _ := json.Marshal(v)
	if string(b) != `{"d":"2024-03-31"}` {
		t.Errorf("marshal: got %s", b)
	}
	for _, bad := range []string{`{"d":"2024-02-30"}`, `{"d":20240101}`, `{"d":true}`} {
		if err := json.Unmarshal([]byte(bad), &v); err == nil {
			t.Errorf("unmarshal %s: got no error", bad)
		}
	}
}

func TestYearsSinceAndBands(t *testing.T) {
	dob := MustDate("2008-11-23")
	tests := []struct {
		day  string
		age  int
		band AgeBand
	}{
		{"2026-11-22", 17, Age16to17},
		{"2026-11-23", 18, AgeAdult},
		{"2013-11-22", 4, AgeUnder5},
		{"2020-01-01", 11, Age5to11},
	}
	for _, tt := range tests {
		if got := MustDate(tt.day).YearsSince(dob); got != tt.age {
			t.Errorf("age on %s: got %d, want %d", tt.day, got, tt.age)
		}
		p := Person{DateOfBirth: dob}
		if got := p.Band(MustDate(tt.day)); got != tt.band {
			t.Errorf("band on %s: got %s, want %s", tt.day, got, tt.band)
		}
	}
}

func TestSpan(t *testing.T) {
	s := Span{Since: MustDate("2024-01-01"), Until: MustDate("2024-12-31")}
	for day, want := range map[string]bool{"2023-12-31": false, "2024-01-01": true, "2024-12-31": true, "2025-01-01": false} {
		if got := s.Covers(MustDate(day)); got != want {
			t.Errorf("Covers(%s): got %v, want %v", day, got, want)
		}
	}
	if !(Span{}).Covers(MustDate("2000-01-01")) {
		t.Errorf("open span should cover every day")
	}
}

func TestFrequencyDaysAllowGrace(t *testing.T) {
	for f, want := range map[Frequency]int{FreqWeekly: 10, FreqFortnightly: 17, FreqMonthly: 38,
		FreqQuarterly: 115, FreqTwiceYearly: 214, FreqYearly: 397, FreqAsAgreed: 0} {
		if got := f.Days(); got != want {
			t.Errorf("%s.Days(): got %d, want %d", f, got, want)
		}
	}
}
