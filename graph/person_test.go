package graph

import (
	"slices"
	"testing"
)

func TestPersonValidate(t *testing.T) {
	ok := Person{ID: "p1", FullName: "Amy Example", DateOfBirth: MustDate("2014-05-20")}
	tests := []struct {
		name   string
		mutate func(*Person)
		fields []string // nil for valid
	}{
		{"valid", func(*Person) {}, nil},
		{"looked after, no dates", func(p *Person) { p.LookedAfter = true }, nil},
		{"current episode", func(p *Person) { p.LookedAfter, p.LookedAfterSince = true, MustDate("2023-05-02") }, nil},
		{"ended episode", func(p *Person) {
			p.LookedAfter, p.LookedAfterSince, p.LookedAfterUntil = true, MustDate("2023-05-02"), MustDate("2025-01-31")
		}, nil},
		{"one-day episode", func(p *Person) {
			p.LookedAfter, p.LookedAfterSince, p.LookedAfterUntil = true, MustDate("2023-05-02"), MustDate("2023-05-02")
		}, nil},
		{"ended episode, start not recorded", func(p *Person) { p.LookedAfter, p.LookedAfterUntil = true, MustDate("2025-01-31") }, nil},
		{"since without looked_after", func(p *Person) { p.LookedAfterSince = MustDate("2023-05-02") }, []string{"looked_after_since"}},
		{"until without looked_after", func(p *Person) { p.LookedAfterUntil = MustDate("2025-01-31") }, []string{"looked_after_until"}},
		{"until before since", func(p *Person) {
			p.LookedAfter, p.LookedAfterSince, p.LookedAfterUntil = true, MustDate("2023-05-02"), MustDate("2023-05-01")
		}, []string{"looked_after_until"}},
		{"since before date of birth", func(p *Person) {
			p.LookedAfter, p.LookedAfterSince = true, MustDate("2014-05-19")
		}, []string{"looked_after_since"}},
		{"until before date of birth", func(p *Person) {
			p.LookedAfter, p.LookedAfterUntil = true, MustDate("2014-05-19")
		}, []string{"looked_after_until"}},
		{"until before since and both before birth", func(p *Person) {
			p.LookedAfter, p.LookedAfterSince, p.LookedAfterUntil = true, MustDate("2014-01-02"), MustDate("2014-01-01")
		}, []string{"looked_after_since", "looked_after_until"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := ok
			tt.mutate(&p)
			err := p.Validate()
			if got := fields(err); !slices.Equal(got, tt.fields) {
				t.Errorf("got fields %v (%v), want %v", got, err, tt.fields)
			}
		})
	}
}

func TestLookedAfterOn(t *testing.T) {
	var zero Date
	since, until := MustDate("2023-05-02"), MustDate("2025-01-31")
	tests := []struct {
		name string
		p    Person
		day  Date
		want bool
	}{
		{"not looked after", Person{}, MustDate("2024-01-01"), false},
		{"not looked after, no date", Person{}, zero, false},
		{"no dates recorded", Person{LookedAfter: true}, MustDate("2024-01-01"), true},
		{"before since", Person{LookedAfter: true, LookedAfterSince: since}, since.AddDays(-1), false},
		{"on since", Person{LookedAfter: true, LookedAfterSince: since}, since, true},
		{"current episode, long after", Person{LookedAfter: true, LookedAfterSince: since}, MustDate("2030-01-01"), true},
		{"ended: within", Person{LookedAfter: true, LookedAfterSince: since, LookedAfterUntil: until}, MustDate("2024-06-01"), true},
		{"ended: on the last day", Person{LookedAfter: true, LookedAfterSince: since, LookedAfterUntil: until}, until, true},
		{"ended: the day after", Person{LookedAfter: true, LookedAfterSince: since, LookedAfterUntil: until}, until.AddDays(1), false},
		{"ended: before since", Person{LookedAfter: true, LookedAfterSince: since, LookedAfterUntil: until}, since.AddDays(-1), false},
		{"ended, start not recorded: long before", Person{LookedAfter: true, LookedAfterUntil: until}, MustDate("2016-01-01"), true},
		{"ended, start not recorded: after", Person{LookedAfter: true, LookedAfterUntil: until}, until.AddDays(1), false},
		{"no date asks about the flag", Person{LookedAfter: true, LookedAfterSince: since, LookedAfterUntil: until}, zero, true},
	}
	for _, tt := range tests {
		if got := tt.p.LookedAfterOn(tt.day); got != tt.want {
			t.Errorf("%s: LookedAfterOn(%s) got %v, want %v", tt.name, tt.day, got, tt.want)
		}
	}
}
