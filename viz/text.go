package viz

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on text shown on a map, in characters (runes). Longer text is
// shortened with an ellipsis; the record keeps the whole text.
const (
	maxNameRunes  = 40  // a person's or household's name
	maxWordsRunes = 90  // the child's own words about a connection
	maxLineRunes  = 120 // any other line (flag explanation lines wrap first)
	ellipsis      = "…"
)

// clean makes user text safe to lay out: invalid UTF-8 is replaced, control
// characters (newlines and tabs included) become spaces, explicit
// bidirectional controls are dropped (each label is its own text element, so
// right-to-left names still display; an override character could otherwise
// reorder the text around it), and runs of spaces collapse to one.
func clean(s string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case isBidiControl(r):
			continue
		case r == '\u200D' || r == '\uFE0F' || r == '\uFE0E':
			// zero-width joiner and variation selectors hold emoji
			// sequences together: keep them.
		case unicode.IsControl(r) || unicode.IsSpace(r) || r == '\u2028' || r == '\u2029':
			space = true
			continue
		case unicode.Is(unicode.Cf, r):
			continue // other invisible format characters
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

func isBidiControl(r rune) bool {
	switch {
	case r >= '\u202A' && r <= '\u202E': // LRE, RLE, PDF, LRO, RLO
		return true
	case r >= '\u2066' && r <= '\u2069': // LRI, RLI, FSI, PDI
		return true
	case r == '\u200E' || r == '\u200F' || r == '\u061C': // LRM, RLM, ALM
		return true
	}
	return false
}

// shorten cleans s and cuts it to at most max runes, ending with an
// ellipsis when cut. It never cuts inside an emoji sequence or between a
// letter and its combining marks.
func shorten(s string, max int) string {
	s = clean(s)
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	runes := []rune(s)
	cut := max - 1
	// Back off over joiners, variation selectors and combining marks, and
	// over the rune a joiner attaches to.
	for cut > 0 && (isJoining(runes[cut]) || (cut > 0 && runes[cut-1] == '\u200D')) {
		cut--
	}
	head := strings.TrimRight(string(runes[:cut]), " ")
	return head + ellipsis
}

func isJoining(r rune) bool {
	return r == '\u200D' || r == '\uFE0F' || r == '\uFE0E' ||
		unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) ||
		(r >= 0x1F3FB && r <= 0x1F3FF) // skin tone modifiers
}

// wrap cleans s and breaks it into lines of at most width runes at spaces
// (a longer word is split). At most maxLines lines are returned; the last
// one ends with an ellipsis if text was left over.
func wrap(s string, width, maxLines int) []string {
	var pieces [][]rune
	for _, w := range strings.Fields(clean(s)) {
		r := []rune(w)
		for len(r) > width {
			pieces = append(pieces, r[:width])
			r = r[width:]
		}
		pieces = append(pieces, r)
	}
	var lines []string
	var cur []rune
	for _, w := range pieces {
		if len(cur) > 0 && len(cur)+1+len(w) > width {
			lines = append(lines, string(cur))
			cur = nil
			if len(lines) == maxLines {
				last := []rune(lines[maxLines-1])
				if len(last) >= width {
					last = last[:width-1]
				}
				lines[maxLines-1] = strings.TrimRight(string(last), " ") + ellipsis
				return lines
			}
		}
		if len(cur) > 0 {
			cur = append(cur, ' ')
		}
		cur = append(cur, w...)
	}
	if len(cur) > 0 {
		lines = append(lines, string(cur))
	}
	return lines
}

// surnameWords returns the words of a full name after the first, the
// words that a first-name-only label must not show. Words shorter than
// two letters ("J.") are skipped.
func surnameWords(full string) []string {
	fields := strings.Fields(clean(full))
	if len(fields) < 2 {
		return nil
	}
	var out []string
	for _, f := range fields[1:] {
		f = strings.Trim(f, ".,'’\"()")
		if utf8.RuneCountInString(f) >= 2 {
			out = append(out, f)
		}
	}
	return out
}

// containsWord reports whether s contains w as a whole word, ignoring case.
func containsWord(s, w string) bool {
	return indexWord(strings.ToLower(s), strings.ToLower(w)) >= 0
}

// indexWord returns the byte index of the first whole-word occurrence of
// w in s (both already lower-cased), or -1.
func indexWord(s, w string) int {
	if w == "" {
		return -1
	}
	from := 0
	for {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return -1
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(w):])
		if (i == 0 || !isWordRune(before)) && (i+len(w) == len(s) || !isWordRune(after)) {
			return i
		}
		from = i + 1
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// scrub replaces every whole-word occurrence of a protected term in s by
// an ellipsis. It is the second line of defence for free text a
// non-professional audience sees (the child's own words): the allow-list
// has already removed every field that carries such terms.
func scrub(s string, terms []string) string {
	if len(terms) == 0 || s == "" {
		return s
	}
	for _, t := range terms {
		for {
			lower := strings.ToLower(s)
			i := indexWord(lower, strings.ToLower(t))
			if i < 0 {
				break
			}
			// lower-casing can change byte lengths for a few scripts;
			// only replace when the original has the same bytes there.
			if i+len(t) > len(s) || !strings.EqualFold(s[i:i+len(t)], t) {
				break
			}
			s = s[:i] + ellipsis + s[i+len(t):]
		}
	}
	return s
}

// clampWords shortens every word longer than max runes (a name with no
// spaces can be 300 characters) and the whole text to limit runes.
func clampWords(s string, max, limit int) string {
	words := strings.Fields(clean(s))
	for i, w := range words {
		if utf8.RuneCountInString(w) > max {
			words[i] = shorten(w, max)
		}
	}
	return shorten(strings.Join(words, " "), limit)
}
