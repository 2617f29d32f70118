package graph

import (
	"encoding/json"
	"fmt"
	"time"
)

// DateLayout is the only date format kinmap reads and writes: ISO 8601
// calendar dates such as 2024-03-31.
const DateLayout = "2006-01-02"

// Date is a calendar date with no time of day and no zone. The zero Date
// means "not recorded" and is written as JSON null or omitted.
type Date struct{ t time.Time }

// DateError reports a value that is not a usable date.
type DateError struct {
	Value  string
	Reason string
}

func (e *DateError) Error() string { return fmt.Sprintf("%q %s", e.Value, e.Reason) }

// ParseDate parses an ISO calendar date; impossible dates such as
// 2023-02-30 are rejected.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return Date{}, &DateError{s, "is not a real date of the form YYYY-MM-DD"}
	}
	if t.Year() < 1900 || t.Year() > 2200 {
		return Date{}, &DateError{s, "is outside the years 1900 to 2200"}
	}
	return Date{t}, nil
}

// MustDate is ParseDate for tests and fixtures; it panics on bad input.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DateOf returns the calendar date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// Today returns the current date in Europe/London (London), where
// kinmap's councils are. A program configured for another zone
// (KINMAP_TIME_ZONE) uses TodayIn.
func Today() Date { return TodayIn(London) }

// TodayIn returns the current date in loc (nil: London).
func TodayIn(loc *time.Location) Date { return DateAt(time.Now(), loc) }

// DateAt returns the date it is in loc (nil: London) at the instant t.
func DateAt(t time.Time, loc *time.Location) Date {
	if loc == nil {
		loc = London
	}
	return DateOf(t.In(loc))
}

// IsZero reports whether the date is not recorded.
func (d Date) IsZero() bool { return d.t.IsZero() }

// Time returns midnight UTC of the date.
func (d Date) Time() time.Time { return d.t }

// String returns YYYY-MM-DD, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(DateLayout)
}

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// After reports whether d is strictly after e.
func (d Date) After(e Date) bool { return d.t.After(e.t) }

// Equal reports whether d and e are the same date.
func (d Date) Equal(e Date) bool { return d.t.Equal(e.t) }

// AddDays returns the date n days after d (before, if n is negative).
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// DaysSince returns the number of whole days from e to d (d - e).
func (d Date) DaysSince(e Date) int { return int(d.t.Sub(e.t).Hours() / 24) }

// YearsSince returns the number of whole years from e to d, as for an age.
func (d Date) YearsSince(e Date) int {
	years := d.t.Year() - e.t.Year()
	if d.t.Month() < e.t.Month() || (d.t.Month() == e.t.Month() && d.t.Day() < e.t.Day()) {
		years--
	}
	return years
}

// MarshalJSON writes "YYYY-MM-DD" or null.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads "YYYY-MM-DD", "" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return &DateError{string(b), "is not a date string of the form YYYY-MM-DD"}
	}
	if s == "" {
		*d = Date{}
		return nil
	}
	p, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// Span is a period [Since, Until], both ends inclusive; a zero Since means
// "since before records began", a zero Until means "still going".
type Span struct {
	Since Date `json:"since,omitzero"`
	Until Date `json:"until,omitzero"`
}

// Covers reports whether the span includes day.
func (s Span) Covers(day Date) bool {
	if !s.Since.IsZero() && day.Before(s.Since) {
		return false
	}
	if !s.Until.IsZero() && day.After(s.Until) {
		return false
	}
	return true
}

// Started reports whether the span had begun by day.
func (s Span) Started(day Date) bool { return s.Since.IsZero() || !day.Before(s.Since) }

// Ended reports whether the span had ended before day.
func (s Span) Ended(day Date) bool { return !s.Until.IsZero() && s.Until.Before(day) }

func (s Span) validate(p *Problems, sinceField, untilField string) {
	if !s.Since.IsZero() && !s.Until.IsZero() && s.Until.Before(s.Since) {
		p.add(untilField, "must not be before "+sinceField)
	}
}
