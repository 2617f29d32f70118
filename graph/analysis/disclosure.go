package analysis

import (
	"encoding/json"
	"math"
	"strconv"
)

// DefaultThreshold is the disclosure threshold: counts from 1 to 4 are
// suppressed, as in the DfE's children looked after releases.
const DefaultThreshold = 4

// SuppressedMarker stands for a suppressed figure in every output.
const SuppressedMarker = "c"

// Cell is a published count: a number, or suppressed ("c" in JSON and
// CSV). Value is zero when suppressed.
type Cell struct {
	Value      int
	Suppressed bool
}

// MarshalJSON writes the number or "c".
func (c Cell) MarshalJSON() ([]byte, error) {
	if c.Suppressed {
		return []byte(`"` + SuppressedMarker + `"`), nil
	}
	return []byte(strconv.Itoa(c.Value)), nil
}

// UnmarshalJSON reads a number or "c".
func (c *Cell) UnmarshalJSON(b []byte) error {
	if string(b) == `"`+SuppressedMarker+`"` {
		*c = Cell{Suppressed: true}
		return nil
	}
	*c = Cell{}
	return json.Unmarshal(b, &c.Value)
}

// String is the number or "c".
func (c Cell) String() string {
	if c.Suppressed {
		return SuppressedMarker
	}
	return strconv.Itoa(c.Value)
}

// RateCell is a published rate: a number, or "c" when its numerator or
// denominator is suppressed.
type RateCell struct {
	Value      float64
	Suppressed bool
}

// MarshalJSON writes the number or "c".
func (r RateCell) MarshalJSON() ([]byte, error) {
	if r.Suppressed {
		return []byte(`"` + SuppressedMarker + `"`), nil
	}
	return json.Marshal(r.Value)
}

// UnmarshalJSON reads a number or "c".
func (r *RateCell) UnmarshalJSON(b []byte) error {
	if string(b) == `"`+SuppressedMarker+`"` {
		*r = RateCell{Suppressed: true}
		return nil
	}
	*r = RateCell{}
	return json.Unmarshal(b, &r.Value)
}

// String is the rate to four decimals, or "c".
func (r RateCell) String() string {
	if r.Suppressed {
		return SuppressedMarker
	}
	return strconv.FormatFloat(r.Value, 'f', 4, 64)
}

// sdc is a set of counts bound by additive constraints (each: the parts
// sum to the total), with which of them are suppressed.
type sdc struct {
	vals []int
	supp []bool
	cons []constraint
}

type constraint struct {
	parts []int // cell indexes
	total int   // cell index
}

// cell adds a count and returns its index.
func (s *sdc) cell(v int) int {
	s.vals = append(s.vals, v)
	s.supp = append(s.supp, false)
	return len(s.vals) - 1
}

// sum adds the constraint that parts sum to total.
func (s *sdc) sum(total int, parts ...int) { s.cons = append(s.cons, constraint{parts, total}) }

// suppress applies the rule: primary suppression of every count from 1
// to threshold, then secondary suppression until no suppressed count can
// be worked out exactly from the others and the constraints: while some
// suppressed count is determined (its unit vector lies in the row space
// of the constraints over the suppressed counts), suppress one more count
// in a constraint it is in: the smallest non-zero one (a zero only when
// there is no other), the first of equals.
func (s *sdc) suppress(threshold int) {
	for i, v := range s.vals {
		if v >= 1 && v <= threshold {
			s.supp[i] = true
		}
	}
	for {
		k := s.firstDetermined()
		if k < 0 {
			return
		}
		best := s.secondary(func(c constraint) bool { return c.has(k) })
		if best < 0 { // bound through other suppressed counts only: widen to any constraint with one
			best = s.secondary(func(c constraint) bool { return s.anySuppressed(c) })
		}
		if best < 0 {
			return // everything bound is suppressed: nothing is determined (cannot happen)
		}
		s.supp[best] = true
	}
}

// secondary returns the best count to suppress among the published
// counts of the constraints that match, or -1.
func (s *sdc) secondary(match func(constraint) bool) int {
	best := -1
	for _, c := range s.cons {
		if !match(c) {
			continue
		}
		for _, j := range append([]int{c.total}, c.parts...) {
			if !s.supp[j] && (best < 0 || better(s.vals[j], s.vals[best])) {
				best = j
			}
		}
	}
	return best
}

func (s *sdc) anySuppressed(c constraint) bool {
	for _, j := range append([]int{c.total}, c.parts...) {
		if s.supp[j] {
			return true
		}
	}
	return false
}

// better reports whether a count a is a better secondary suppression than b.
func better(a, b int) bool {
	if (a == 0) != (b == 0) {
		return b == 0
	}
	return a < b
}

func (c constraint) has(k int) bool {
	if c.total == k {
		return true
	}
	for _, p := range c.parts {
		if p == k {
			return true
		}
	}
	return false
}

// firstDetermined returns the first suppressed count that the published
// counts and the constraints determine exactly, or -1.
func (s *sdc) firstDetermined() int {
	var unknowns []int
	col := map[int]int{}
	for i, sup := range s.supp {
		if sup {
			col[i] = len(unknowns)
			unknowns = append(unknowns, i)
		}
	}
	if len(unknowns) == 0 {
		return -1
	}
	var rows [][]float64
	for _, c := range s.cons {
		row := make([]float64, len(unknowns))
		any := false
		for _, p := range c.parts {
			if j, ok := col[p]; ok {
				row[j]++
				any = true
			}
		}
		if j, ok := col[c.total]; ok {
			row[j]--
			any = true
		}
		if any {
			rows = append(rows, row)
		}
	}
	base := rank(rows)
	for j, k := range unknowns {
		e := make([]float64, len(unknowns))
		e[j] = 1
		if rank(append(clone(rows), e)) == base {
			return k
		}
	}
	return -1
}

func clone(m [][]float64) [][]float64 {
	out := make([][]float64, len(m))
	for i, r := range m {
		out[i] = append([]float64(nil), r...)
	}
	return out
}

// rank is the rank of a small matrix of small integers (Gaussian
// elimination with partial pivoting; the matrix is changed).
func rank(m [][]float64) int {
	if len(m) == 0 {
		return 0
	}
	r := 0
	for c := 0; c < len(m[0]) && r < len(m); c++ {
		p := r
		for i := r + 1; i < len(m); i++ {
			if math.Abs(m[i][c]) > math.Abs(m[p][c]) {
				p = i
			}
		}
		if math.Abs(m[p][c]) < 1e-9 {
			continue
		}
		m[r], m[p] = m[p], m[r]
		for i := range m {
			if i != r && math.Abs(m[i][c]) > 1e-12 {
				f := m[i][c] / m[r][c]
				for j := c; j < len(m[i]); j++ {
					m[i][j] -= f * m[r][j]
				}
			}
		}
		r++
	}
	return r
}
