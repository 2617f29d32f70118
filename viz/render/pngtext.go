package render

import (
	"bytes"
	"image"
	_ "image/jpeg" // bitmap glyphs may be JPEG
	_ "image/png"  // colour emoji glyphs are PNG (CBDT)
	"os"
	"path/filepath"
	"sync"
	"unicode"

	"github.com/fogleman/gg"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/math/fixed"
)

// PNG text is shaped (HarfBuzz rules, go-text/typesetting) and laid out
// right to left where the script says so, so that Arabic-script names
// (Arabic, Persian, Kurdish Sorani, Pashto) join and read correctly, and
// drawn from the Noto fonts installed by the Debian packages fonts-noto-core
// (Latin, Arabic, Ethiopic for Tigrinya and Amharic) and
// fonts-noto-color-emoji, read once from PNGFontDirs at the first PNG.
// Each character takes the first font of its style that has it. When no
// Noto font is found, the embedded Go fonts are used (Latin, Greek and
// Cyrillic only: other scripts come out as empty boxes), the same on every
// machine; SVG maps are unaffected (the browser picks fonts).

// PNGFontDirs are the directories searched for the Noto fonts, in order.
var PNGFontDirs = []string{"/usr/share/fonts/truetype/noto", "/usr/share/fonts/opentype/noto", "/usr/share/fonts/noto"}

// pngFontFiles are the font files of each style (regular, bold, italic,
// bold italic), in the order they are tried for a character.
var pngFontFiles = [4][]string{
	{"NotoSans-Regular.ttf", "NotoSansArabic-Regular.ttf", "NotoNaskhArabic-Regular.ttf", "NotoSansEthiopic-Regular.ttf", "NotoColorEmoji.ttf"},
	{"NotoSans-Bold.ttf", "NotoSansArabic-Bold.ttf", "NotoNaskhArabic-Bold.ttf", "NotoSansEthiopic-Bold.ttf", "NotoColorEmoji.ttf"},
	{"NotoSans-Italic.ttf", "NotoSansArabic-Regular.ttf", "NotoNaskhArabic-Regular.ttf", "NotoSansEthiopic-Regular.ttf", "NotoColorEmoji.ttf"},
	{"NotoSans-BoldItalic.ttf", "NotoSansArabic-Bold.ttf", "NotoNaskhArabic-Bold.ttf", "NotoSansEthiopic-Bold.ttf", "NotoColorEmoji.ttf"},
}

// textFonts are the parsed fonts of each style; read-only once loaded, so
// shared by every renderer (each makes its own faces).
type textFonts struct {
	styles [4][]*font.Font
	found  []string // the Noto files found
}

var (
	loadFontsOnce sync.Once
	loadedFonts   *textFonts
)

func sharedTextFonts() *textFonts {
	loadFontsOnce.Do(func() { loadedFonts = loadTextFonts(PNGFontDirs) })
	return loadedFonts
}

// loadTextFonts reads the Noto fonts from dirs; the Go fonts close each
// style's list, so a style is never empty.
func loadTextFonts(dirs []string) *textFonts {
	tf := &textFonts{}
	parsed := map[string]*font.Font{}
	parse := func(data []byte) *font.Font {
		f, err := font.ParseTTF(bytes.NewReader(data))
		if err != nil {
			return nil
		}
		return f.Font
	}
	for style, files := range pngFontFiles {
		for _, name := range files {
			f, seen := parsed[name]
			if !seen {
				for _, d := range dirs {
					if data, err := os.ReadFile(filepath.Join(d, name)); err == nil {
						if f = parse(data); f != nil {
							tf.found = append(tf.found, name)
							break
						}
					}
				}
				parsed[name] = f
			}
			if f != nil {
				tf.styles[style] = append(tf.styles[style], f)
			}
		}
		goTTF := [][]byte{goregular.TTF, gobold.TTF, goitalic.TTF, gobolditalic.TTF}[style]
		if f := parse(goTTF); f != nil {
			tf.styles[style] = append(tf.styles[style], f)
		}
	}
	return tf
}

// PNGFontsFound lists the Noto font files PNG maps are drawn with (empty:
// only the Go fonts, so no Arabic, Ethiopic or emoji). For a start-up
// check; it loads the fonts on first use.
func PNGFontsFound() []string { return append([]string(nil), sharedTextFonts().found...) }

// fontmap picks, for each character, the first face of a style that has
// it (the first face when none has).
type fontmap []*font.Face

func (m fontmap) ResolveFace(r rune) *font.Face {
	for _, f := range m {
		if _, ok := f.NominalGlyph(r); ok {
			return f
		}
	}
	return m[0]
}

// textDrawer shapes and draws text spans for one renderer.
type textDrawer struct {
	maps   [4]fontmap
	shaper shaping.HarfbuzzShaper
	seg    shaping.Segmenter
	images map[imageKey]image.Image
}

type imageKey struct {
	face *font.Face
	gid  font.GID
}

func newTextDrawer() *textDrawer { return newTextDrawerWith(sharedTextFonts()) }

func newTextDrawerWith(tf *textFonts) *textDrawer {
	td := &textDrawer{images: map[imageKey]image.Image{}}
	for i, fs := range tf.styles {
		for _, f := range fs {
			td.maps[i] = append(td.maps[i], font.NewFace(f))
		}
	}
	return td
}

// shapedLine is a line of text shaped at a size, its runs in visual order
// (left to right).
type shapedLine struct {
	runs  []shaping.Output
	width float64
}

func (td *textDrawer) shape(text string, style int, size float64) shapedLine {
	runes := []rune(text)
	in := shaping.Input{Text: runes, RunStart: 0, RunEnd: len(runes), Direction: baseDirection(runes),
		Size: fixed.Int26_6(size * 64)}
	split := td.seg.Split(in, td.maps[style])
	var line shapedLine
	for _, run := range split {
		out := td.shaper.Shape(run)
		line.runs = append(line.runs, out)
		line.width += fixedF(out.Advance)
	}
	line.runs = visualOrder(in.Direction, line.runs)
	return line
}

// baseDirection is the direction of the first strongly directional
// character: right to left for Arabic, Hebrew and the like.
func baseDirection(runes []rune) di.Direction {
	for _, r := range runes {
		switch {
		case unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko):
			return di.DirectionRTL
		case unicode.IsLetter(r):
			return di.DirectionLTR
		}
	}
	return di.DirectionLTR
}

// visualOrder puts runs (in logical order, with the directions the bidi
// algorithm of golang.org/x/text gave them) in left-to-right drawing
// order: on a left-to-right line, each stretch of right-to-left runs is
// reversed; on a right-to-left line, the whole line is, except stretches
// of left-to-right runs. Two levels are as far as a line of names and
// words goes. Known gap: x/text has no paired-bracket rule, so brackets
// and digits straight after right-to-left text on a left-to-right line
// ("Amal أمل (10)") can come out in a different order than a browser's.
func visualOrder(base di.Direction, runs []shaping.Output) []shaping.Output {
	out := make([]shaping.Output, 0, len(runs))
	var stretch []shaping.Output
	flush := func() {
		for i := len(stretch) - 1; i >= 0; i-- {
			out = append(out, stretch[i])
		}
		stretch = stretch[:0]
	}
	for _, r := range runs {
		if r.Direction != base {
			stretch = append(stretch, r)
			continue
		}
		flush()
		out = append(out, r)
	}
	flush()
	if base == di.DirectionRTL {
		// Reverse the whole; the stretches of left-to-right runs, reversed
		// once above, come back to their logical order.
		for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
	}
	return out
}

func fixedF(v fixed.Int26_6) float64 { return float64(v) / 64 }

// draw draws a shaped line with its left end at x and baseline at y, in
// the context's current colour (emoji in their own colours).
func (td *textDrawer) draw(dc *gg.Context, line shapedLine, x, y float64) {
	for _, run := range line.runs {
		scale := fixedF(run.Size) / float64(run.Face.Upem())
		for _, g := range run.Glyphs {
			gx, gy := x+fixedF(g.XOffset), y-fixedF(g.YOffset)
			switch data := run.Face.GlyphData(g.GlyphID).(type) {
			case font.GlyphOutline:
				drawOutline(dc, data, gx, gy, scale)
			case font.GlyphSVG:
				drawOutline(dc, data.Outline, gx, gy, scale)
			case font.GlyphBitmap:
				if img := td.bitmap(run.Face, g.GlyphID, data); img != nil {
					w, h := fixedF(g.Width), -fixedF(g.Height)
					if w > 0 && h > 0 {
						b := img.Bounds()
						dc.Push()
						dc.Translate(gx+fixedF(g.XBearing), gy-fixedF(g.YBearing))
						dc.Scale(w/float64(b.Dx()), h/float64(b.Dy()))
						dc.DrawImage(img, 0, 0)
						dc.Pop()
					}
				} else if data.Outline != nil {
					drawOutline(dc, *data.Outline, gx, gy, scale)
				}
			}
			x += fixedF(g.XAdvance)
		}
	}
}

// bitmap decodes a PNG or JPEG bitmap glyph once.
func (td *textDrawer) bitmap(f *font.Face, gid font.GID, data font.GlyphBitmap) image.Image {
	k := imageKey{f, gid}
	if img, ok := td.images[k]; ok {
		return img
	}
	var img image.Image
	if data.Format == font.PNG || data.Format == font.JPG {
		img, _, _ = image.Decode(bytes.NewReader(data.Data))
	}
	td.images[k] = img
	return img
}

// drawOutline fills a glyph outline (font units, y up) at x, y.
func drawOutline(dc *gg.Context, o font.GlyphOutline, x, y, scale float64) {
	if len(o.Segments) == 0 {
		return
	}
	px := func(p ot.SegmentPoint) (float64, float64) {
		return x + float64(p.X)*scale, y - float64(p.Y)*scale
	}
	dc.NewSubPath()
	for i, s := range o.Segments {
		switch s.Op {
		case ot.SegmentOpMoveTo:
			if i > 0 {
				dc.ClosePath()
			}
			dc.MoveTo(px(s.Args[0]))
		case ot.SegmentOpLineTo:
			dc.LineTo(px(s.Args[0]))
		case ot.SegmentOpQuadTo:
			x1, y1 := px(s.Args[0])
			x2, y2 := px(s.Args[1])
			dc.QuadraticTo(x1, y1, x2, y2)
		case ot.SegmentOpCubeTo:
			x1, y1 := px(s.Args[0])
			x2, y2 := px(s.Args[1])
			x3, y3 := px(s.Args[2])
			dc.CubicTo(x1, y1, x2, y2, x3, y3)
		}
	}
	dc.ClosePath()
	dc.SetFillRuleWinding()
	dc.Fill()
}
