package viz

import "context"

// Drawer draws DOT for viz's own tests: viz/render's Renderer. viz/render
// imports viz, so viz's tests cannot import it back; render_ext_test.go
// (package viz_test, which may) sets NewDrawer.
type Drawer interface {
	Render(ctx context.Context, dot []byte, f Format) ([]byte, error)
	Close() error
}

// NewDrawer returns a new viz/render Renderer (set by render_ext_test.go).
var NewDrawer func() Drawer

// NewRenderer is NewDrawer, under the name the tests use.
func NewRenderer() Drawer { return NewDrawer() }
