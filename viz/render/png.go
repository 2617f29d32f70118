package render

import (
	"bytes"
	"context"
	"image/png"
	"math"

	"github.com/fogleman/gg"
	"github.com/goccy/go-graphviz"
	"github.com/goccy/go-graphviz/gvc"
)

// kinmap draws PNGs with its own raster engine on Graphviz's render
// callbacks. go-graphviz's built-in PNG engine leaves filled shapes
// without their outline, fills open curves (the circles of closeness came
// out as grey discs), ignores bold and italic, and looks fonts up on the
// machine. This one fills then strokes, draws dashes and round dots, and
// shapes text in every script the Noto fonts cover (pngtext.go), shrinking
// a line of text that would overflow the width Graphviz laid out for it.

// pngPlugins returns the render and device plugins for PNG.
func pngPlugins(ctx context.Context, ras *raster) ([]graphviz.Plugin, error) {
	render, err := gvc.NewRenderPlugin(ctx, "png", ras)
	if err != nil {
		return nil, err
	}
	device, err := gvc.PNGDevicePlugin(ctx)
	if err != nil {
		return nil, err
	}
	return []graphviz.Plugin{render, device}, nil
}

// Graphviz font flags on a text span (HTML <B> and <I>).
const (
	fontFlagBold   = 1
	fontFlagItalic = 2
)

type raster struct {
	*gvc.DefaultRenderEngine
	dc     *gg.Context
	sx, sy float64 // the page's scale, read once: every read is a call into WASM
	shapes int     // closed shapes drawn so far for the current object
	text   *textDrawer
	out    []byte // the last page's PNG, kept here: passing it through the
	// WASM module (SetOutputData) would copy it in and out, and go-graphviz
	// never frees either copy
}

func newRaster() *raster {
	return &raster{DefaultRenderEngine: &gvc.DefaultRenderEngine{}, text: newTextDrawer()}
}

// filled decides whether a shape is filled. go-graphviz v0.2.10 passes
// filled=true for every shape (edges' curves included), so the decision
// is made from the object being drawn, as Graphviz makes it: an object's
// first shape is its body (filled when its style says so; the page
// background always), later ones are peripheries (outlines only); on an
// edge, arrowheads are filled and curves are not.
func (r *raster) filled(job *gvc.Job, closedArrow bool) bool {
	o := job.Object()
	first := r.shapes == 0
	r.shapes++
	switch o.Type() {
	case gvc.EdgeObjectType:
		return closedArrow
	case gvc.RootGraphObjectType:
		return first
	}
	return first && o.Fill() != gvc.FillNone
}

func (r *raster) BeginNode(context.Context, *gvc.Job) error    { r.shapes = 0; return nil }
func (r *raster) BeginCluster(context.Context, *gvc.Job) error { r.shapes = 0; return nil }
func (r *raster) BeginEdge(context.Context, *gvc.Job) error    { r.shapes = 0; return nil }
func (r *raster) EndNode(context.Context, *gvc.Job) error      { r.shapes = 1; return nil }
func (r *raster) EndCluster(context.Context, *gvc.Job) error   { r.shapes = 1; return nil }

func (r *raster) x(_ *gvc.Job, v float64) float64 { return r.sx * v }
func (r *raster) y(_ *gvc.Job, v float64) float64 { return -r.sy * v }

func (r *raster) BeginPage(_ context.Context, job *gvc.Job) error {
	r.dc = gg.NewContext(int(job.Width()), int(job.Height()))
	sc := job.Scale()
	r.sx, r.sy = sc.X(), sc.Y()
	t := job.Translation()
	r.dc.Translate(r.sx*t.X(), -r.sy*t.Y())
	r.dc.SetLineJoin(gg.LineJoinRound)
	r.shapes = 0
	return nil
}

func (r *raster) EndPage(context.Context, *gvc.Job) error {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, r.dc.Image()); err != nil {
		return err
	}
	r.out = buf.Bytes()
	r.dc = nil
	return nil
}

func setColour(dc *gg.Context, c *gvc.Color) bool {
	if c == nil {
		return false
	}
	v := c.RGBAUint()
	if v[3] == 0 {
		return false
	}
	dc.SetRGBA255(int(v[0]), int(v[1]), int(v[2]), int(v[3]))
	return true
}

// pen sets the stroke from the object's pen; false when there is none.
func (r *raster) pen(job *gvc.Job) bool {
	o := job.Object()
	pen := o.Pen()
	if pen == gvc.PenNone {
		return false
	}
	w := math.Max(o.PenWidth()*r.sx, 0.5)
	r.dc.SetLineWidth(w)
	r.dc.SetLineCap(gg.LineCapButt)
	switch pen {
	case gvc.PenDashed:
		r.dc.SetDash(5*w+2, 2.5*w+2)
	case gvc.PenDotted:
		r.dc.SetLineCap(gg.LineCapRound)
		r.dc.SetDash(0.6, 2*w+3)
	default:
		r.dc.SetDash()
	}
	return setColour(r.dc, o.PenColor())
}

// finish fills (when asked) and strokes the current path.
func (r *raster) finish(job *gvc.Job, filled bool) {
	if filled && setColour(r.dc, job.Object().FillColor()) {
		r.dc.FillPreserve()
	}
	if r.pen(job) {
		r.dc.Stroke()
	} else {
		r.dc.ClearPath()
	}
}

// shape draws one path (traced by path, in device coordinates) and fills
// and strokes it as the job's object asks.
func (r *raster) shape(job *gvc.Job, filled bool, path func()) {
	r.dc.Push()
	defer r.dc.Pop()
	r.dc.NewSubPath()
	path()
	r.finish(job, filled)
}

// line traces straight segments through p from its first point.
func (r *raster) line(job *gvc.Job, p []*gvc.PointFloat) {
	r.dc.MoveTo(r.x(job, p[0].X()), r.y(job, p[0].Y()))
	for _, q := range p[1:] {
		r.dc.LineTo(r.x(job, q.X()), r.y(job, q.Y()))
	}
}

func (r *raster) Ellipse(_ context.Context, job *gvc.Job, p []*gvc.PointFloat, _ bool) error {
	filled := r.filled(job, true)
	if len(p) < 2 {
		return nil
	}
	r.shape(job, filled, func() {
		r.dc.DrawEllipse(r.x(job, p[0].X()), r.y(job, p[0].Y()),
			math.Abs(r.x(job, p[1].X()-p[0].X())), math.Abs(r.y(job, p[1].Y()-p[0].Y())))
	})
	return nil
}

func (r *raster) Polygon(_ context.Context, job *gvc.Job, p []*gvc.PointFloat, _ bool) error {
	filled := r.filled(job, true)
	if len(p) == 0 {
		return nil
	}
	r.shape(job, filled, func() {
		r.line(job, p)
		r.dc.ClosePath()
	})
	return nil
}

func (r *raster) BezierCurve(_ context.Context, job *gvc.Job, p []*gvc.PointFloat, _ bool) error {
	filled := r.filled(job, false)
	if len(p) == 0 {
		return nil
	}
	r.shape(job, filled, func() {
		r.dc.MoveTo(r.x(job, p[0].X()), r.y(job, p[0].Y()))
		for i := 1; i+2 < len(p); i += 3 {
			r.dc.CubicTo(r.x(job, p[i].X()), r.y(job, p[i].Y()), r.x(job, p[i+1].X()), r.y(job, p[i+1].Y()),
				r.x(job, p[i+2].X()), r.y(job, p[i+2].Y()))
		}
		if filled {
			r.dc.ClosePath()
		}
	})
	return nil
}

func (r *raster) Polyline(_ context.Context, job *gvc.Job, p []*gvc.PointFloat) error {
	if len(p) == 0 {
		return nil
	}
	r.shape(job, false, func() { r.line(job, p) })
	return nil
}

func (r *raster) TextSpan(_ context.Context, job *gvc.Job, p *gvc.PointFloat, span *gvc.TextSpan) error {
	text := span.Text()
	if text == "" {
		return nil
	}
	r.dc.Push()
	defer r.dc.Pop()
	if !setColour(r.dc, job.Object().PenColor()) {
		r.dc.SetRGB(0, 0, 0)
	}
	f := span.Font()
	style := 0
	if f.Flags()&fontFlagBold != 0 {
		style |= 1
	}
	if f.Flags()&fontFlagItalic != 0 {
		style |= 2
	}
	scale := r.sx
	size := f.Size() * scale
	line := r.text.shape(text, style, size)
	// Keep within the width Graphviz laid out (its metrics are
	// Helvetica's; other fonts run a little wider).
	if want := span.Size().X() * scale; want > 0 && line.width > want*1.01 {
		line = r.text.shape(text, style, size*want/line.width)
	}
	w := line.width
	x := r.x(job, p.X())
	switch span.Just() {
	case 'r':
		x -= w
	case 'l':
	default:
		x -= w / 2
	}
	y := r.y(job, p.Y()+span.YOffsetCenterLine()+span.YOffsetLayout())
	r.text.draw(r.dc, line, x, y)
	return nil
}
