package assets

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/chart"
)

// TestChartsMatchTheirMeasurements: every chart and fallback is what
// charts.json draws today, so an edit to the drawing code, or by hand, is
// followed by ch0charts -redraw.
func TestChartsMatchTheirMeasurements(t *testing.T) {
	data, err := fs.ReadFile(FS(), "ch00/charts.json")
	if err != nil {
		t.Fatal(err)
	}
	set, err := chart.UnmarshalSet(data)
	if err != nil {
		t.Fatal(err)
	}
	files, err := set.Draw(chart.TextWidth)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := fs.ReadFile(FS(), "ch00/"+name)
		if err != nil {
			t.Errorf("charts.json draws %s, which is missing: go run ./internal/chart/cmd/ch0charts -redraw", name)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("ch00/%s differs from what charts.json draws: go run ./internal/chart/cmd/ch0charts -redraw", name)
		}
	}
	for _, p := range svgFiles(t) {
		if _, ok := files[path.Base(p)]; !ok {
			t.Errorf("%s is not drawn from charts.json", p)
		}
	}
}

// svgFiles lists every .svg of FS.
func svgFiles(t *testing.T) []string {
	t.Helper()
	var out []string
	err := fs.WalkDir(FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && path.Ext(p) == ".svg" {
			out = append(out, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatal("no SVG embedded")
	}
	return out
}

func TestSVGsAreWellFormed(t *testing.T) {
	for _, p := range svgFiles(t) {
		data, err := fs.ReadFile(FS(), p)
		if err != nil {
			t.Fatal(err)
		}
		d := xml.NewDecoder(bytes.NewReader(data))
		root := ""
		for {
			tok, err := d.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s is not well-formed XML: %v", p, err)
			}
			if se, ok := tok.(xml.StartElement); ok && root == "" {
				root = se.Name.Local
			}
		}
		if root != "svg" {
			t.Errorf("%s: root element %q, want svg", p, root)
		}
	}
}

// image is a markdown image with a relative target into assets/.
var image = regexp.MustCompile(`!\[[^\]]*\]\((?:\.\./)+assets/([^)\s]+)\)`)

// TestEveryAssetIsUsed checks that each file is referenced by a lesson: an
// SVG as an image, its NAME.txt fallback pasted verbatim into the lesson
// that shows the image (in its text block), so the two cannot drift apart.
func TestEveryAssetIsUsed(t *testing.T) {
	lessons := map[string]string{} // asset -> the lesson text that shows it
	err := fs.WalkDir(chapters.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".md" {
			return err
		}
		data, err := fs.ReadFile(chapters.FS(), p)
		if err != nil {
			return err
		}
		for _, m := range image.FindAllStringSubmatch(string(data), -1) {
			lessons[m[1]] = string(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = fs.WalkDir(FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch path.Ext(p) {
		case ".svg":
			if _, ok := lessons[p]; !ok {
				t.Errorf("%s is not shown by any lesson (![…](../../assets/%s))", p, p)
			}
		case ".txt":
			svg := strings.TrimSuffix(p, ".txt") + ".svg"
			lesson, ok := lessons[svg]
			if !ok {
				t.Errorf("%s is the fallback of %s, which no lesson shows", p, svg)
				return nil
			}
			txt, err := fs.ReadFile(FS(), p)
			if err != nil {
				return err
			}
			if !strings.Contains(lesson, "```text\n"+string(txt)+"```") {
				t.Errorf("the lesson showing %s does not hold %s verbatim in a text block: paste it below the image", svg, p)
			}
		default:
			if path.Base(p) != "charts.json" {
				t.Errorf("%s: only charts (.svg), their text fallbacks (.txt) and the measurements behind them (charts.json) belong here", p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
