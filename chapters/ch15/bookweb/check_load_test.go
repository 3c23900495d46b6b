package bookweb

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"
)

// loadBookDir returns a book directory with n lessons of random names, and its index.
func loadBookDir(t *testing.T, n int) (fstest.MapFS, Index) {
	t.Helper()
	idx := Index{Version: Version, Title: "A book", Home: "index.html", Search: "search-index.json"}
	dir := fstest.MapFS{}
	add := func(url, title string) {
		idx.Pages = append(idx.Pages, Page{URL: url, Title: title, Fragment: "pages/" + url})
		dir["pages/"+url] = &fstest.MapFile{Data: fmt.Appendf(nil, "<h1>%s</h1>\n<p>body of %s</p>\n", title, url)}
	}
	add("index.html", "A book")
	for i := range n {
		add(fmt.Sprintf("ch%02d/%02d.01-l%d.html", i+1, i+1, rand.IntN(1000)), fmt.Sprintf("Lesson %d", rand.IntN(1000)))
	}
	data, err := json.Marshal(idx)
	if err != nil {
		t.Fatal(err)
	}
	dir["book.json"] = &fstest.MapFile{Data: data}
	return dir, idx
}

func TestLoadReadsEveryPage(t *testing.T) {
	dir, idx := loadBookDir(t, 2+rand.IntN(5))
	b, err := Load(dir)
	if err != nil {
		t.Fatalf("Load of a good book directory: %v", err)
	}
	if b.Index.Title != idx.Title || len(b.Index.Pages) != len(idx.Pages) {
		t.Fatalf("Load: Index has title %q and %d pages, want %q and %d (decode book.json into b.Index)",
			b.Index.Title, len(b.Index.Pages), idx.Title, len(idx.Pages))
	}
	for _, want := range idx.Pages {
		p, body, ok := b.Page(want.URL)
		if !ok || p.Title != want.Title || string(body) != string(dir[want.Fragment].Data) {
			t.Errorf("Page(%q) = %q, %q, %v; want title %q and the fragment %s", want.URL, p.Title, body, ok, want.Title, want.Fragment)
		}
	}
	if _, _, ok := b.Page("nope.html"); ok {
		t.Error(`Page("nope.html") reports a page that book.json does not list`)
	}
}

func TestLoadRefusesBadDirectories(t *testing.T) {
	tests := []struct {
		name  string
		spoil func(fstest.MapFS, *Index)
		want  string // in the error
	}{
		{"no book.json", func(d fstest.MapFS, _ *Index) { delete(d, "book.json") }, "book.json"},
		{"another version", func(_ fstest.MapFS, i *Index) { i.Version = Version + 1 + rand.IntN(5) }, "version"},
		{"a missing fragment", func(d fstest.MapFS, i *Index) { delete(d, i.Pages[1].Fragment) }, "pages/"},
		{"a fragment outside the directory", func(_ fstest.MapFS, i *Index) { i.Pages[1].Fragment = "../secret.html" }, "../secret.html"},
		{"a page listed twice", func(_ fstest.MapFS, i *Index) { i.Pages = append(i.Pages, i.Pages[1]) }, "twice"},
		{"a home that is not a page", func(_ fstest.MapFS, i *Index) { i.Home = "gone.html" }, "gone.html"},
		{"a fragment too big", func(d fstest.MapFS, i *Index) {
			d[i.Pages[1].Fragment] = &fstest.MapFile{Data: make([]byte, MaxFragment+1)}
		}, "larger"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, idx := loadBookDir(t, 2)
			tt.spoil(dir, &idx)
			if _, ok := dir["book.json"]; ok {
				data, _ := json.Marshal(idx)
				dir["book.json"] = &fstest.MapFile{Data: data}
			}
			if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load of a directory with %s: err = %v; want an error mentioning %q", tt.name, err, tt.want)
			}
		})
	}
}
