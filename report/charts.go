package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image/color"
	"io"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/kinmap/kinmap/graph/analysis"
)

// Chart size: the width of the page's text column.
const (
	chartW = 16 * vg.Centimeter
	chartH = 8 * vg.Centimeter
)

var barColour = color.RGBA{R: 0x1d, G: 0x4f, B: 0x91, A: 0xff}

// rateBars draws the separation rate of each category as a bar, in
// percent; a suppressed rate has no bar (its table says c).
func rateBars(title string, rates []analysis.PublishedRate) (string, error) {
	p := plot.New()
	p.Title.Text = title
	p.Y.Label.Text = "children separated (%)"
	p.Y.Min, p.Y.Max = 0, 100
	vals := make(plotter.Values, len(rates))
	names := make([]string, len(rates))
	for i, r := range rates {
		names[i] = r.Category
		if r.Rate.Suppressed {
			names[i] += " (c)"
			continue
		}
		vals[i] = 100 * r.Rate.Value
	}
	bars, err := plotter.NewBarChart(vals, vg.Points(28))
	if err != nil {
		return "", err
	}
	bars.Color = barColour
	bars.LineStyle.Width = 0
	p.Add(bars)
	p.NominalX(names...)
	return svgOf(p)
}

// seriesLine draws the separation rate at each date of a series; a
// suppressed point is left out and the line broken there.
func seriesLine(s *analysis.PublishedSeries) (string, error) {
	p := plot.New()
	p.Title.Text = "Children separated from a brother or sister, by date"
	p.Y.Label.Text = "children separated (%)"
	p.X.Label.Text = "date"
	p.Y.Min, p.Y.Max = 0, 100
	var seg plotter.XYs
	flush := func() error {
		if len(seg) == 0 {
			return nil
		}
		l, pts, err := plotter.NewLinePoints(seg)
		if err != nil {
			return err
		}
		l.Color, pts.Color = barColour, barColour
		pts.Shape = draw.CircleGlyph{}
		p.Add(l, pts)
		seg = nil
		return nil
	}
	for _, pt := range s.Points {
		if pt.SeparatedRate.Suppressed {
			if err := flush(); err != nil {
				return "", err
			}
			continue
		}
		t := pt.AsOf.Time()
		seg = append(seg, plotter.XY{X: float64(t.Year()) + float64(t.YearDay()-1)/365.25, Y: 100 * pt.SeparatedRate.Value})
	}
	if err := flush(); err != nil {
		return "", err
	}
	if len(s.Points) > 0 {
		first, last := s.Points[0].AsOf.Time(), s.Points[len(s.Points)-1].AsOf.Time()
		p.X.Min = float64(first.Year()) + float64(first.YearDay()-1)/365.25 - 0.1
		p.X.Max = float64(last.Year()) + float64(last.YearDay()-1)/365.25 + 0.1
	}
	p.X.Tick.Marker = yearTicks{}
	return svgOf(p)
}

// yearTicks marks whole years only.
type yearTicks struct{}

func (yearTicks) Ticks(min, max float64) []plot.Tick {
	var out []plot.Tick
	for y := int(min); float64(y) <= max; y++ {
		if float64(y) >= min {
			out = append(out, plot.Tick{Value: float64(y), Label: fmt.Sprint(y)})
		}
	}
	return out
}

// svgOf draws p as an inline SVG element: the XML prelude dropped, and
// only drawing elements allowed (checked, so nothing but shapes and text
// reaches the page).
func svgOf(p *plot.Plot) (string, error) {
	c := vgsvg.New(chartW, chartH)
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return "", err
	}
	s := buf.String()
	i := strings.Index(s, "<svg")
	if i < 0 {
		return "", errors.New("report: the chart has no svg element")
	}
	s = s[i:]
	if err := checkSVG(s); err != nil {
		return "", err
	}
	return s, nil
}

var svgElements = map[string]bool{"svg": true, "g": true, "path": true, "text": true, "rect": true, "line": true, "polyline": true, "circle": true}

// checkSVG refuses an SVG with any element outside svgElements or any
// event, href or style attribute.
func checkSVG(s string) error {
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = true
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("report: chart SVG: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !svgElements[strings.ToLower(t.Name.Local)] {
				return fmt.Errorf("report: chart SVG: element %s not allowed", t.Name.Local)
			}
			for _, a := range t.Attr {
				n := strings.ToLower(a.Name.Local)
				if strings.HasPrefix(n, "on") || strings.Contains(n, "href") {
					return fmt.Errorf("report: chart SVG: attribute %s not allowed", a.Name.Local)
				}
			}
		case xml.ProcInst, xml.Directive:
			return errors.New("report: chart SVG: processing instruction or directive")
		}
	}
}
