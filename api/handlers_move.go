package api

import (
	"net/http"

	"github.com/kinmap/kinmap/graph"
	"github.com/labstack/echo/v4"
)

// moveBody is the body of POST /people/{id}/moves: where the person moves
// and from which day. The id of the new residence is optional.
type moveBody struct {
	ID        graph.ID   `json:"id"`
	Household graph.ID   `json:"household"`
	From      graph.Date `json:"from"`
}

// moveResult answers a move: the new residence and the ones it ended.
type moveResult struct {
	Residence graph.Residence `json:"residence"`
	Ended     []graph.ID      `json:"ended"`
}

// move records a placement move as one change: the person's current
// residences end the day before the new one starts.
func (s *Server) move(c echo.Context) error {
	var b moveBody
	if err := decode(c, &b, MaxBodyBytes); err != nil {
		return err
	}
	r := graph.Residence{ID: b.ID, Person: c.Param("id"), Household: b.Household, From: b.From}
	if r.ID == "" {
		r.ID = "res-" + newID()
	}
	c.Set(recordKey, r.ID)
	if err := r.Validate(); err != nil {
		return err
	}
	if err := s.requireInScope(c, []ref{{"id", "person", r.Person}, {"household", "household", r.Household}}); err != nil {
		return err
	}
	ended, err := s.records.Move(c.Request().Context(), r)
	if err != nil {
		return err
	}
	if ended == nil {
		ended = []graph.ID{}
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/residences/"+r.ID)
	return c.JSON(http.StatusCreated, moveResult{Residence: r, Ended: ended})
}
