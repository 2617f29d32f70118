package api

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"strings"

	"github.com/labstack/echo/v4"
)

// MaxStreamImportBytes bounds the body of POST /import: whatever GET
// /export gives a nation fits. The body is spooled to a temporary file
// (never held in memory), checked whole, then written (Store.ImportStream):
// a bad document is refused naming the field, with nothing written.
const MaxStreamImportBytes = 8 << 30

// spoolBody copies a JSON body of at most limit bytes to a temporary file
// and returns its name and size; remove the file when done.
func spoolBody(c echo.Context, limit int64) (string, int64, error) {
	req := c.Request()
	mt, _, err := mime.ParseMediaType(req.Header.Get(echo.HeaderContentType))
	if err != nil || (mt != echo.MIMEApplicationJSON && !strings.HasSuffix(mt, "+json")) {
		return "", 0, &httpError{http.StatusUnsupportedMediaType, "unsupported_media_type", "the body must be application/json"}
	}
	f, err := os.CreateTemp("", "kinmap-import-*.json")
	if err != nil {
		return "", 0, fmt.Errorf("spooling the import: %w", err)
	}
	name := f.Name()
	n, err := io.Copy(f, http.MaxBytesReader(c.Response(), req.Body, limit))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return "", 0, &httpError{http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("the body is larger than %d bytes", limit)}
		}
		return "", 0, &httpError{http.StatusBadRequest, "invalid", "the body could not be read"}
	}
	return name, n, nil
}
