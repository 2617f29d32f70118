package render

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"slices"
	"testing"
)

// scriptNames are synthetic names in each script kinmap's children write
// their names in, for the PNG text tests.
var scriptNames = []struct {
	script, name string
	colour       bool // drawn in colour (emoji), not in the text colour
}{
	{"Latin", "Amy Test", false},
	{"Arabic", "أمل الحسن", false},
	{"Persian", "زهرا رضایی", false},
	{"Kurdish (Sorani)", "ئارام ڕەش", false},
	{"Pashto", "ګلالۍ ښکلې", false},
	{"Tigrinya", "ሰላም ተስፋዬ", false},
	{"Amharic", "አበበ ቢቂላ", false},
	{"emoji", "🙂🌟", true},
}

// TestPNGFontsInstalled: the Noto fonts the PNG maps need are found. On a
// machine without them, install fonts-noto-core and fonts-noto-color-emoji
// (.ci/run does).
func TestPNGFontsInstalled(t *testing.T) {
	found := PNGFontsFound()
	for _, f := range []string{"NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSansArabic-Regular.ttf",
		"NotoSansEthiopic-Regular.ttf", "NotoColorEmoji.ttf"} {
		if !slices.Contains(found, f) {
			t.Errorf("%s not found in %v (apt-get install fonts-noto-core fonts-noto-color-emoji)", f, PNGFontDirs)
		}
	}
}

// TestPNGTextShapedInEveryScript: each name shapes to real glyphs (none is
// the missing-glyph box), in each style.
func TestPNGTextShapedInEveryScript(t *testing.T) {
	td := newTextDrawer()
	for _, sn := range scriptNames {
		for style := range 4 {
			line := td.shape(sn.name, style, 14)
			if line.width <= 0 {
				t.Errorf("%s style %d: width %v", sn.script, style, line.width)
			}
			for _, run := range line.runs {
				for _, g := range run.Glyphs {
					if g.GlyphID == 0 {
						t.Errorf("%s style %d: %q has a missing glyph", sn.script, style, sn.name)
					}
				}
			}
		}
	}
	// Arabic letters join: meem between two others takes its medial form,
	// not the isolated one.
	iso := td.shape("م", 0, 14).runs[0].Glyphs[0].GlyphID
	mid := td.shape("ممم", 0, 14).runs[0].Glyphs[1].GlyphID
	if iso == mid {
		t.Errorf("Arabic not joined: medial meem is glyph %d, the isolated form", mid)
	}
	// Right to left: in "دا" (dal, alef: neither joins the next letter)
	// the first letter is drawn rightmost.
	run := td.shape("دا", 0, 14).runs[0]
	dal, alef := td.shape("د", 0, 14).runs[0].Glyphs[0].GlyphID, td.shape("ا", 0, 14).runs[0].Glyphs[0].GlyphID
	if len(run.Glyphs) != 2 || run.Glyphs[0].GlyphID != alef || run.Glyphs[1].GlyphID != dal {
		t.Errorf("got glyphs %v, want alef (%d) left of dal (%d)", run.Glyphs, alef, dal)
	}
}

// TestPNGTextFallback: without the Noto fonts, text is still drawn in the
// embedded Go fonts; Arabic then has no glyphs, which the checks above
// would catch.
func TestPNGTextFallback(t *testing.T) {
	tf := loadTextFonts(nil)
	if len(tf.found) != 0 || len(tf.styles[0]) != 1 {
		t.Fatalf("got %v and %d fonts, want the Go font only", tf.found, len(tf.styles[0]))
	}
	td := newTextDrawerWith(tf)
	if line := td.shape("Amy Test", 1, 14); line.width <= 0 || line.runs[0].Glyphs[0].GlyphID == 0 {
		t.Errorf("Latin not shaped with the Go fonts")
	}
	if g := td.shape("أمل", 0, 14).runs[0].Glyphs[0]; g.GlyphID != 0 {
		t.Errorf("got glyph %d for Arabic from the Go fonts, want the missing glyph", g.GlyphID)
	}
}

// TestPNGDrawsEveryScript renders each name as the only label of a PNG
// map, through Graphviz and the raster engine, and checks that the text's
// box has ink: the name is drawn, not blank (as it was with the Go fonts).
// The emoji must come out in colour.
func TestPNGDrawsEveryScript(t *testing.T) {
	r := NewRenderer()
	for _, sn := range scriptNames {
		t.Run(sn.script, func(t *testing.T) {
			dot := fmt.Appendf(nil, "graph g { pad=0.2; node [shape=plaintext, fontname=%q, fontsize=20]; n [label=%q] }", "Helvetica", sn.name)
			out, err := r.Render(context.Background(), dot, PNG)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			ink, colour := inkIn(img, img.Bounds())
			// A 20 pt name is a few hundred dark pixels at least.
			if ink < 150 {
				t.Errorf("%q: %d inked pixels in %v, want the glyphs drawn", sn.name, ink, img.Bounds())
			}
			if sn.colour && colour < 50 {
				t.Errorf("%q: %d coloured pixels, want a colour emoji", sn.name, colour)
			}
			if !sn.colour && colour > ink/10 {
				t.Errorf("%q: %d of %d pixels coloured, want text in the text colour", sn.name, colour, ink)
			}
		})
	}
}

// inkIn counts the pixels of b that are not (near) white, and of those
// the ones that are clearly coloured rather than grey.
func inkIn(img image.Image, b image.Rectangle) (ink, colour int) {
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			if a == 0 || (r > 0xE000 && g > 0xE000 && bl > 0xE000) {
				continue
			}
			ink++
			hi, lo := max(r, g, bl), min(r, g, bl)
			if hi-lo > 0x3000 {
				colour++
			}
		}
	}
	return ink, colour
}
