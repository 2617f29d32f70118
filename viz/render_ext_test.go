package viz_test

import (
	"github.com/kinmap/kinmap/viz"
	"github.com/kinmap/kinmap/viz/render"
)

// viz's tests draw their maps with viz/render (renderhook_test.go).
func init() { viz.NewDrawer = func() viz.Drawer { return render.NewRenderer() } }
