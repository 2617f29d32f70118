package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// authority is a small generated authority: enough children for most
// figures, few enough that some are suppressed.
func authority(t *testing.T, children int) (*graph.Network, []analysis.Report) {
	t.Helper()
	doc := fixtures.Generate(fixtures.GenConfig{Seed: 5, Children: children})
	n := &graph.Network{AsOf: fixtures.DefaultAsOf, Records: doc.Records}
	dates := analysis.QuarterDates(fixtures.DefaultAsOf.AddDays(-2*365), fixtures.DefaultAsOf)
	return n, analysis.SeriesReport(n, dates)
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update if intended, and read the diff):\n%s", name, got)
	}
}

func TestCSVGolden(t *testing.T) {
	n, _ := authority(t, 60)
	r := analysis.SiblingPlacementReport(n)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, analysis.Publish(r, 0)); err != nil {
		t.Fatal(err)
	}
	golden(t, "report.csv", buf.Bytes())
	if !strings.Contains(buf.String(), ",c\n") || !strings.HasPrefix(buf.String(), "as_of,breakdown,category,measure,value\n") {
		t.Errorf("want the header and some suppressed value:\n%s", buf.String())
	}
	buf.Reset()
	if err := WriteCSV(&buf, analysis.Unsuppressed(r)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), ",c\n") || !strings.Contains(buf.String(), "UNSUPPRESSED") {
		t.Errorf("unsuppressed CSV: want no c and the UNSUPPRESSED mark:\n%s", buf.String())
	}
}

func TestSeriesCSVGolden(t *testing.T) {
	_, reps := authority(t, 60)
	s := analysis.PublishSeries(reps[0].AsOf, reps[len(reps)-1].AsOf, reps, 0)
	var buf bytes.Buffer
	if err := WriteSeriesCSV(&buf, s); err != nil {
		t.Fatal(err)
	}
	golden(t, "series.csv", buf.Bytes())
	for _, r := range reps {
		if !strings.Contains(buf.String(), "\n"+r.AsOf.String()+",all,all,looked_after_children,") {
			t.Errorf("no rows for %s", r.AsOf)
		}
	}
}

var (
	figureRE = regexp.MustCompile(`(?s)<figure>(.*?)</figure>\s*(<\w+)`)
	svgRE    = regexp.MustCompile(`<svg`)
)

// The HTML report: no script anywhere, no external resource, every chart
// a figure with an SVG and a table right under it, suppressed cells as c,
// and the method and disclosure rule written out.
func TestHTMLNoScriptAndEveryChartHasItsTable(t *testing.T) {
	n, reps := authority(t, 60)
	pub := analysis.Publish(analysis.SiblingPlacementReport(n), 0)
	s := analysis.PublishSeries(reps[0].AsOf, reps[len(reps)-1].AsOf, reps, 0)
	var buf bytes.Buffer
	if err := WriteHTML(&buf, pub, &s); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	if os.Getenv("REPORT_HTML_OUT") != "" {
		_ = os.WriteFile(os.Getenv("REPORT_HTML_OUT"), buf.Bytes(), 0o644)
	}
	low := strings.ToLower(html)
	for _, bad := range []string{"<script", "javascript:", "href=", "src=", " onload", " onclick", "@import", "url("} {
		if strings.Contains(low, bad) {
			t.Errorf("the HTML holds %q", bad)
		}
	}
	figs := figureRE.FindAllStringSubmatch(html, -1)
	if len(figs) != 3 {
		t.Fatalf("got %d charts, want 3 (group size, placement type, series)", len(figs))
	}
	for i, f := range figs {
		if len(svgRE.FindAllString(f[1], -1)) != 1 || f[2] != "<table" {
			t.Errorf("chart %d: want one svg and a table right after it, got %q after", i, f[2])
		}
	}
	if got := len(svgRE.FindAllString(html, -1)); got != 3 {
		t.Errorf("got %d svg elements, want 3, all in figures", got)
	}
	for _, want := range []string{"<td>c</td>", "Disclosure control", "secondary suppression", "Jones, Henderson and Woods (2019)", "Method"} {
		if !strings.Contains(html, want) {
			t.Errorf("the HTML lacks %q", want)
		}
	}
	buf.Reset()
	if err := WriteHTML(&buf, analysis.Unsuppressed(analysis.SiblingPlacementReport(n)), nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `class="unsuppressed"`) || !strings.Contains(buf.String(), "UNSUPPRESSED") || strings.Contains(buf.String(), "<td>c</td>") {
		t.Errorf("unsuppressed HTML: want the administrator's mark and no c")
	}
}

func TestCheckSVGRefuses(t *testing.T) {
	for _, s := range []string{
		`<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><g onload="x"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><text xlink:href="x">a</text></svg>`,
	} {
		if checkSVG(s) == nil {
			t.Errorf("accepted %s", s)
		}
	}
}
