package api

import (
	"context"
	"errors"
	"testing"

	"github.com/kinmap/kinmap/graph/neo4jstore"
	"github.com/kinmap/kinmap/internal/neo4jtest"
	"github.com/kinmap/kinmap/viz/render"
)

// TestShutdownClosesTheRendererNewMade: the renderer New makes (no
// Config.Renderer) is the server's to close, on Shutdown or Close; one
// handed in is the caller's and is left open.
func TestShutdownClosesTheRendererNewMade(t *testing.T) {
	ctx := context.Background()
	store, err := neo4jstore.New(ctx, neo4jtest.Driver())
	if err != nil {
		t.Fatal(err)
	}
	dot := []byte("digraph { a -> b }")
	s := New(Config{}, store, nil)
	if err := s.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.renderer.Render(ctx, dot, render.DOT); !errors.Is(err, render.ErrClosed) {
		t.Errorf("render after Shutdown: got %v, want %v", err, render.ErrClosed)
	}
	own := render.NewRenderer()
	defer own.Close()
	s = New(Config{Renderer: own}, store, nil)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := own.Render(ctx, dot, render.DOT); err != nil {
		t.Errorf("the caller's renderer after Close: %v, want it open", err)
	}
}
