package api

import (
	"context"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/internal/buildinfo"
	"github.com/labstack/echo/v4"
)

// childPage is the body of GET /children.
type childPage struct {
	Items  []graph.ChildSummary `json:"items"`
	Total  int                  `json:"total"`
	Offset int                  `json:"offset"`
	Limit  int                  `json:"limit"`
}

func (s *Server) listChildren(c echo.Context) error {
	limit, err := intParam(c, "limit", 50, 1, 500)
	if err != nil {
		return err
	}
	offset, err := intParam(c, "offset", 0, 0, 1<<30)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	within, err := s.scopeOf(ctx, principal(c))
	if err != nil {
		return err
	}
	items, total, err := s.networks.Children(ctx, within, offset, limit)
	if err != nil {
		return err
	}
	if items == nil {
		items = []graph.ChildSummary{}
	}
	return c.JSON(http.StatusOK, childPage{Items: items, Total: total, Offset: offset, Limit: limit})
}

// asOf reads the as_of parameter, defaulting to today.
func (s *Server) asOf(c echo.Context) (graph.Date, error) {
	return dateParam(c, "as_of", graph.DateOf(s.today()))
}

func (s *Server) network(c echo.Context) error {
	asOf, err := s.asOf(c)
	if err != nil {
		return err
	}
	n, err := s.networks.Network(c.Request().Context(), c.Param("id"), asOf)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, n)
}

func (s *Server) importDoc(c echo.Context) error {
	name, size, err := spoolBody(c, MaxStreamImportBytes)
	if err != nil {
		return err
	}
	defer os.Remove(name)
	open := func() (io.ReadCloser, error) { return os.Open(name) }
	sum, err := s.documents.ImportStream(c.Request().Context(), open, size, nil)
	if err != nil {
		return err
	}
	// The import has landed whatever happens next: a projection not
	// prepared now is made by the next report.
	if err := s.documents.PrepareReportProjection(c.Request().Context()); err != nil {
		s.log.Warn("report projection not prepared after an import", "err", err.Error())
	}
	return c.JSON(http.StatusOK, sum)
}

// healthBody is the body of GET /healthz: the process is up, and which
// build it is.
type healthBody struct {
	Status  string         `json:"status"`
	Version buildinfo.Info `json:"version"`
}

var thisBuild = buildinfo.Read()

func (s *Server) healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, healthBody{Status: "ok", Version: thisBuild})
}

func (s *Server) readyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 3*time.Second)
	defer cancel()
	if err := s.pinger.Ping(ctx); err != nil {
		s.log.Warn("not ready", "err", err.Error())
		c.Response().Header().Set("Retry-After", retryAfter)
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ready"})
}
