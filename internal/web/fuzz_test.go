package web

import (
	"strings"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/fixture"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/lesson"
)

// FuzzRender feeds the renderer any markdown: it must not fail or panic, every heading
// internal/lesson finds must get its anchor as an id, and no raw HTML may come through.
func FuzzRender(f *testing.F) {
	for _, src := range fixture.Lessons() {
		f.Add(string(src.Data))
	}
	f.Add(extraLesson)
	f.Add("# a\n# a\n## \n#\n> **Step 01.01-add: x**\n>\n> [l](x.md#y) ![i](../../assets/a.svg)\n")
	f.Add("Setext\n===\n\n- # in a list\n\n> # in a quote\n\n<b>raw</b> <script>x</script>")
	r := newRenderer(true)
	link := func(_, dest string, _ bool) (string, bool) { return dest, !strings.HasPrefix(dest, "x") }
	f.Fuzz(func(t *testing.T, src string) {
		out, err := r.render("ch01/01.01-x.md", []byte(src), link)
		if err != nil {
			t.Fatal(err)
		}
		got := ids(string(out.body))
		for _, h := range lesson.Parse([]byte(src)).Headings {
			if !got[h.Anchor] && h.Anchor != "" {
				t.Errorf("heading %q: no id %q", h.Text, h.Anchor)
			}
		}
		if strings.Contains(string(out.body), "<script") {
			t.Errorf("raw HTML came through: %s", out.body)
		}
	})
}
