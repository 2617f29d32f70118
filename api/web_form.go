package api

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/kinmap/kinmap/graph"
	"github.com/labstack/echo/v4"
)

// A form is a list of fieldsets of fields; the web app's forms are all
// drawn by one template (form.html) from this model.
type form struct {
	Title, Intro, Action, Submit, Back string
	Sets                               []fieldset
	Errors                             []fieldProblem
}

type fieldset struct {
	Legend string
	Fields []*field
}

type field struct {
	Name, Label, Hint, Type, Value, Error string
	Options                               []option
	Checked                               bool
}

type option struct{ Value, Label string }

type fieldProblem struct{ Field, Label, Message string }

// fill puts the submitted values back in the form.
func (f *form) fill(v url.Values) {
	for _, set := range f.Sets {
		for _, fl := range set.Fields {
			if fl.Type == "checkbox" {
				fl.Checked = v.Get(fl.Name) != ""
				continue
			}
			fl.Value = v.Get(fl.Name)
		}
	}
}

// field returns the form's field named name, or nil.
func (f *form) field(name string) *field {
	for _, set := range f.Sets {
		for _, fl := range set.Fields {
			if fl.Name == name {
				return fl
			}
		}
	}
	return nil
}

// problems puts err's field errors next to their fields (rename maps a
// record's field path to the form's field name); it reports whether err
// was about the submitted values at all.
func (f *form) problems(err error, rename func(string) string) bool {
	if !errors.Is(err, graph.ErrInvalid) && !errors.Is(err, graph.ErrConflict) &&
		!(errors.Is(err, graph.ErrNotFound) && !errors.As(err, new(*deniedError))) {
		return false
	}
	fields := graph.Fields(err)
	if len(fields) == 0 {
		var ge *graph.Error
		if errors.As(err, &ge) {
			fields = []*graph.Error{ge}
		}
	}
	for _, e := range fields {
		name := e.Field
		if rename != nil {
			name = rename(name)
		}
		fl := f.field(name)
		if fl == nil {
			fl = f.Sets[0].Fields[0]
		}
		if fl.Error != "" {
			continue
		}
		fl.Error = sentence(e.Message)
		f.Errors = append(f.Errors, fieldProblem{Field: fl.Name, Label: fl.Label, Message: fl.Error})
	}
	return true
}

// sentence capitalises a validation message for a person to read.
func sentence(msg string) string {
	msg = strings.ReplaceAll(msg, "_", " ")
	if msg == "" {
		return msg
	}
	return strings.ToUpper(msg[:1]) + msg[1:]
}

// dates parses the form's date fields into dst, noting a field error for
// each that is not a real date. Empty is zero.
func (f *form) dates(v url.Values, dst map[string]*graph.Date) {
	for name, d := range dst {
		s := strings.TrimSpace(v.Get(name))
		if s == "" {
			continue
		}
		parsed, err := graph.ParseDate(s)
		if err != nil {
			if fl := f.field(name); fl != nil && fl.Error == "" {
				fl.Error = "Enter a real date as year-month-day, for example 2024-03-31"
				f.Errors = append(f.Errors, fieldProblem{Field: name, Label: fl.Label, Message: fl.Error})
			}
			continue
		}
		*d = parsed
	}
}

// showForm answers the form page (400 when it carries errors).
func (s *Server) showForm(c echo.Context, f *form) error {
	status := http.StatusOK
	if len(f.Errors) > 0 {
		status = http.StatusBadRequest
	}
	title := f.Title
	if len(f.Errors) > 0 {
		title = "Error: " + title
	}
	return s.render(c, status, "form", title, f)
}

func options[T ~string](values []T, blank string) []option {
	var out []option
	if blank != "" {
		out = append(out, option{"", blank})
	}
	for _, v := range values {
		out = append(out, option{string(v), words(string(v))})
	}
	return out
}
