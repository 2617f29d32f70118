package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/viz"
	"github.com/labstack/echo/v4"
)

// contentTypes of the map formats.
var contentTypes = map[viz.Format]string{
	viz.SVG: "image/svg+xml",
	viz.PNG: "image/png",
	viz.DOT: "text/vnd.graphviz; charset=utf-8",
}

// readMapRequest reads the map request of c's query (as_of, since,
// audience) for the child in the path: group says the route draws the
// sibling-group map. Every problem is named by its parameter.
func (s *Server) readMapRequest(c echo.Context, group bool) (MapRequest, error) {
	opt := s.options()
	m := MapRequest{Child: c.Param("id"), Group: group, Generated: graph.DateOf(s.today()), Options: &opt}
	var err error
	if m.AsOf, err = s.asOf(c); err != nil {
		return m, err
	}
	if m.Since, err = dateParam(c, "since", graph.Date{}); err != nil {
		return m, err
	}
	a := c.QueryParam("audience")
	if a == "" {
		a = string(viz.Professional)
	}
	if m.Audience, err = viz.ParseAudience(a); err != nil {
		m.Audience = viz.Audience(a)
	}
	return m, m.Validate()
}

// childMap serves the child's connection map, or with since the review
// map between since and as_of, in the format named by the route.
func (s *Server) childMap(f viz.Format) echo.HandlerFunc {
	return func(c echo.Context) error {
		m, err := s.readMapRequest(c, false)
		if err != nil {
			return err
		}
		drawn := s.drawnKey(c, "child", m, f)
		if ok, err := s.serveDrawn(c, drawn, f); ok {
			return err
		}
		dot, err := MapDOT(c.Request().Context(), s.networks, m)
		if err != nil {
			return err
		}
		return s.serveMap(c, dot, f, drawn)
	}
}

// siblingGroupMap serves the sibling-group map: members clustered by the
// household each lives in.
func (s *Server) siblingGroupMap(c echo.Context) error {
	m, err := s.readMapRequest(c, true)
	if err != nil {
		return err
	}
	drawn := s.drawnKey(c, "group", m, viz.SVG)
	if ok, err := s.serveDrawn(c, drawn, viz.SVG); ok {
		return err
	}
	dot, err := MapDOT(c.Request().Context(), s.networks, m)
	if err != nil {
		return err
	}
	return s.serveMap(c, dot, viz.SVG, drawn)
}

// serveMap answers with the rendered map. The ETag is derived from the
// DOT and the format: rendering is deterministic, so equal DOT means
// equal bytes. A matching If-None-Match answers 304 without rendering,
// and renders are cached by the same key. Like every response, a map is
// no-store (no browser or shared PC keeps a child's map); a client that
// keeps one itself revalidates it with If-None-Match. The drawn map is
// also kept under drawn (drawnKey), so that it is served again without
// reading.
func (s *Server) serveMap(c echo.Context, dot []byte, f viz.Format, drawn drawnRef) error {
	key := mapKey(dot, f)
	etag := `"` + key + `"`
	if s.mapHeaders(c, etag) {
		return c.NoContent(http.StatusNotModified)
	}
	out, err := s.renderCached(c, key, dot, f)
	if err != nil {
		return err
	}
	s.vcache.drawn.put(drawn.ver, drawn.key, drawnMap{etag: etag, body: out})
	return c.Blob(http.StatusOK, contentTypes[f], out)
}

// renderCached returns the map drawn from dot in f, from the cache when
// it is there (key: mapKey of dot and f).
func (s *Server) renderCached(c echo.Context, key string, dot []byte, f viz.Format) ([]byte, error) {
	out, ok := s.maps.get(key)
	s.obs.MapCache(ok)
	if ok {
		return out, nil
	}
	// The renderer never hands a context to Graphviz's module (a
	// cancelled render would break it for the process). The wait here
	// is detached from the client, so that a map whose client left is
	// still finished and cached for the next request, and bounded by
	// the request's deadline (renderWait without one), so that a queue
	// of renders or a stuck one cannot hold the handler: the caller gets
	// 503 with Retry-After.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(c.Request().Context()), renderWait)
	if dl, ok := c.Request().Context().Deadline(); ok {
		cancel()
		ctx, cancel = context.WithDeadline(context.WithoutCancel(c.Request().Context()), dl)
	}
	defer cancel()
	out, err := s.renderer.Render(ctx, dot, f)
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil {
		s.log.Warn("map render waited past the deadline", "request_id", requestID(c))
		return nil, fmt.Errorf("api: waiting for the map: %w: %w", graph.ErrUnavailable, err)
	}
	if err != nil {
		// Graphviz's messages may quote label text (names): log the stage
		// only, never the detail.
		s.log.Error("map render failed", "request_id", requestID(c), "stage", errorStage(err))
		return nil, &httpError{http.StatusInternalServerError, "internal", "the map could not be drawn; quote the request id"}
	}
	s.maps.put(key, out)
	return out, nil
}

// mapKey is the cache key and ETag of the map drawn from dot in f.
func mapKey(dot []byte, f viz.Format) string {
	sum := sha256.Sum256(append([]byte(string(f)+"\x00"), dot...))
	return hex.EncodeToString(sum[:16])
}

// mapHeaders sets a map response's headers and reports whether the
// request's If-None-Match matches etag (answer 304).
func (s *Server) mapHeaders(c echo.Context, etag string) bool {
	h := c.Response().Header()
	h.Set(echo.HeaderCacheControl, "no-store")
	h.Set("ETag", etag)
	h.Set(echo.HeaderXContentTypeOptions, "nosniff")
	match := c.Request().Header.Get("If-None-Match")
	return match != "" && etagMatches(match, etag)
}

// drawnMap is a map as served: its ETag and rendered bytes.
type drawnMap struct {
	etag string
	body []byte
}

// drawnRef names a drawn map in s.drawn: store version and key ("" ver:
// not cached).
type drawnRef struct{ ver, key string }

// drawnKey names the map request c asks for: which map (kind), child,
// audience, dates, format and the day it is drawn on (the map says when
// it was generated), at the request's store version. The drawing does
// not depend on who asks (the access check decided they may see it).
func (s *Server) drawnKey(c echo.Context, kind string, m MapRequest, f viz.Format) drawnRef {
	ver, ok := requestVersion(c.Request().Context())
	if !ok {
		return drawnRef{}
	}
	return drawnRef{ver, cacheKey(kind, c.Param("id"), string(m.Audience), m.AsOf.String(), m.Since.String(),
		string(f), graph.DateOf(s.today()).String())}
}

// serveDrawn answers from the drawn-map cache, before any read: ok says
// it did (err is the response's).
func (s *Server) serveDrawn(c echo.Context, d drawnRef, f viz.Format) (ok bool, err error) {
	if d.ver == "" {
		return false, nil
	}
	dm, hit := s.vcache.drawn.get(d.ver, d.key)
	if !hit {
		return false, nil
	}
	s.obs.MapCache(true)
	c.Response().Header().Set("X-Kinmap-Cache", "hit")
	if s.mapHeaders(c, dm.etag) {
		return true, c.NoContent(http.StatusNotModified)
	}
	return true, c.Blob(http.StatusOK, contentTypes[f], dm.body)
}

// renderWait bounds how long a request waits for its map to be drawn.
const renderWait = 90 * time.Second

// etagMatches implements If-None-Match: a list of tags or "*".
func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}

// errorStage returns the leading "pkg: stage" of an error message, the
// part written by kinmap, without any quoted detail after it.
func errorStage(err error) string {
	msg := err.Error()
	parts := strings.SplitN(msg, ": ", 3)
	if len(parts) >= 2 {
		return parts[0] + ": " + parts[1]
	}
	return "unknown"
}
