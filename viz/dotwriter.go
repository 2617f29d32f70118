package viz

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// dotWriter writes DOT with every value escaped. Identifiers (node ids,
// attribute names) are kinmap's own and are checked against a strict
// pattern; user text only ever reaches the output through html values,
// which are built by the escaping helpers in html.go, or through quoted
// values, which are escaped here.
type dotWriter struct {
	b      bytes.Buffer
	indent int
}

var identPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,40}$`)

func ident(s string) string {
	if !identPattern.MatchString(s) {
		// Programming error: ids and attribute names are never user data.
		panic(fmt.Sprintf("viz: %q is not a DOT identifier kinmap writes", s))
	}
	return s
}

// attr is one attribute: a quoted string or an HTML-like label.
type attr struct {
	key   string
	value string
	html  bool
}

// a returns a quoted attribute.
func a(key, value string) attr { return attr{key: key, value: value} }

// af returns a quoted numeric attribute with at most two decimals.
func af(key string, v float64) attr { return attr{key: key, value: num(v)} }

// ah returns an HTML-like attribute (label=<...>).
func ah(key string, value html) attr { return attr{key: key, value: string(value), html: true} }

// num formats a number for DOT: fixed, at most two decimals, no
// exponent, no "-0", so output is stable across platforms.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" || s == "" {
		s = "0"
	}
	return s
}

// quote returns s as a DOT double-quoted string. Backslashes and quotes
// are escaped; control characters, which callers' values never hold, are
// turned into spaces anyway: DOT would keep line breaks or treat them as
// escapes, and Graphviz, written in C, ends the whole input at a NUL.
func quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		default:
			if unicode.IsControl(r) {
				b.WriteByte(' ')
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

func (w *dotWriter) pad() {
	for range w.indent {
		w.b.WriteString("  ")
	}
}

func (w *dotWriter) attrs(list []attr) {
	if len(list) == 0 {
		return
	}
	w.b.WriteString(" [")
	for i, at := range list {
		if i > 0 {
			w.b.WriteString(", ")
		}
		w.attr(at)
	}
	w.b.WriteByte(']')
}

// attr writes key=value: an HTML-like label between < >, anything else
// quoted and escaped.
func (w *dotWriter) attr(at attr) {
	w.b.WriteString(ident(at.key))
	w.b.WriteByte('=')
	if at.html {
		w.b.WriteByte('<')
		w.b.WriteString(at.value)
		w.b.WriteByte('>')
	} else {
		w.b.WriteString(quote(at.value))
	}
}

// open starts a graph or subgraph block: open("graph", "kinmap").
func (w *dotWriter) open(keyword, name string) {
	w.pad()
	w.b.WriteString(keyword)
	if name != "" {
		w.b.WriteByte(' ')
		w.b.WriteString(ident(name))
	}
	w.b.WriteString(" {\n")
	w.indent++
}

func (w *dotWriter) close() {
	w.indent--
	w.pad()
	w.b.WriteString("}\n")
}

// set writes graph attributes, one per line.
func (w *dotWriter) set(list ...attr) {
	for _, at := range list {
		w.pad()
		w.attr(at)
		w.b.WriteString(";\n")
	}
}

// defaults writes default attributes: defaults("node", ...).
func (w *dotWriter) defaults(kind string, list ...attr) {
	w.pad()
	w.b.WriteString(kind)
	w.attrs(list)
	w.b.WriteString(";\n")
}

func (w *dotWriter) node(id string, list ...attr) {
	w.pad()
	w.b.WriteString(ident(id))
	w.attrs(list)
	w.b.WriteString(";\n")
}

func (w *dotWriter) edge(from, to string, list ...attr) {
	w.pad()
	w.b.WriteString(ident(from))
	w.b.WriteString(" -- ")
	w.b.WriteString(ident(to))
	w.attrs(list)
	w.b.WriteString(";\n")
}

func (w *dotWriter) bytes() []byte { return bytes.Clone(w.b.Bytes()) }
