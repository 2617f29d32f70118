package api

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/kinmap/kinmap/graph"
	"github.com/labstack/echo/v4"
)

// Body size limits.
const (
	MaxBodyBytes   = 1 << 20  // one record
	MaxImportBytes = 64 << 20 // a whole authority
)

// decode reads a JSON body into v: the content type must be JSON, the
// body at most limit bytes, and graph.DecodeJSON's rules (exactly one
// value, no unknown fields, UTF-8, no repeated keys, keys in their exact
// case). Errors name the offending field where one can be found.
func decode(c echo.Context, v any, limit int64) error {
	req := c.Request()
	mt, _, err := mime.ParseMediaType(req.Header.Get(echo.HeaderContentType))
	if err != nil || (mt != echo.MIMEApplicationJSON && !strings.HasSuffix(mt, "+json")) {
		return &httpError{http.StatusUnsupportedMediaType, "unsupported_media_type", "the body must be application/json"}
	}
	body, err := io.ReadAll(http.MaxBytesReader(c.Response(), req.Body, limit))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return &httpError{http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("the body is larger than %d bytes", limit)}
		}
		return &httpError{http.StatusBadRequest, "invalid", "the body could not be read"}
	}
	return graph.DecodeJSON(body, v)
}

// dateParam reads an optional date query parameter; def when absent.
func dateParam(c echo.Context, name string, def graph.Date) (graph.Date, error) {
	s := c.QueryParam(name)
	if s == "" {
		return def, nil
	}
	d, err := graph.ParseDate(s)
	if err != nil {
		return graph.Date{}, graph.Invalid(name, "must be a real date of the form YYYY-MM-DD")
	}
	return d, nil
}

// intParam reads an optional integer query parameter within [lo, hi]:
// absent gives def, present but empty is refused like any non-number.
func intParam(c echo.Context, name string, def, lo, hi int) (int, error) {
	if _, given := c.QueryParams()[name]; !given {
		return def, nil
	}
	s := c.QueryParam(name)
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, graph.Invalid(name, fmt.Sprintf("must be a whole number from %d to %d", lo, hi))
	}
	return n, nil
}
