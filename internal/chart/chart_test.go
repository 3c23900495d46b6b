package chart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

func sample(kind Kind) *Chart {
	return &Chart{
		Kind:     kind,
		Title:    "Requests per second <by> workers & more",
		Subtitle: "AMD EPYC, 2 cores, go1.26",
		XLabel:   "workers",
		Unit:     "req/s",
		Labels:   []string{"1", "4", "16"},
		Series: []Series{
			{Name: "velocy", Values: []float64{1200, 9000, 15000}},
			{Name: "net/http", Values: []float64{1300, 9500, 0}},
		},
	}
}

// wellFormed decodes every token of an XML document.
func wellFormed(t *testing.T, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, data)
		}
	}
}

func TestSVGWellFormed(t *testing.T) {
	for _, k := range []Kind{Bars, Lines} {
		var b bytes.Buffer
		if err := sample(k).SVG(&b); err != nil {
			t.Fatal(err)
		}
		wellFormed(t, b.Bytes())
		s := b.String()
		for _, want := range []string{"&lt;by&gt;", "&amp; more", "AMD EPYC", "15,000"} {
			if !strings.Contains(s, want) {
				t.Errorf("kind %d: the SVG lacks %q", k, want)
			}
		}
	}
}

func TestValidate(t *testing.T) {
	bad := []func(*Chart){
		func(c *Chart) { c.Labels = nil },
		func(c *Chart) { c.Series = nil },
		func(c *Chart) { c.Series[0].Values = c.Series[0].Values[:2] },
		func(c *Chart) { c.Series[1].Values[0] = math.NaN() },
		func(c *Chart) { c.Series[1].Values[0] = math.Inf(1) },
		func(c *Chart) { c.Series[1].Values[0] = -1 },
	}
	for i, f := range bad {
		c := sample(Bars)
		f(c)
		if err := c.SVG(io.Discard); err == nil {
			t.Errorf("case %d: SVG accepted a bad chart", i)
		}
		if _, err := c.Text(80); err == nil {
			t.Errorf("case %d: Text accepted a bad chart", i)
		}
	}
}

func TestTextFitsAndScales(t *testing.T) {
	for _, w := range []int{10, 40, 60, 80, 120} {
		out, err := sample(Bars).Text(w)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
			if n := utf8.RuneCountInString(l); n > max(w, 40) {
				t.Errorf("width %d: line of %d runes: %q", w, n, l)
			}
		}
	}
	out, _ := sample(Bars).Text(80)
	var full, half int
	for _, l := range strings.Split(out, "\n") {
		n := strings.Count(l, "█")
		if strings.Contains(l, "15,000") {
			full = n
		}
		if strings.Contains(l, "9,500") {
			half = n
		}
		if strings.Contains(l, " 0 req/s") && strings.ContainsAny(l, "█▏") {
			t.Errorf("a zero value drew a bar: %q", l)
		}
	}
	if full == 0 || math.Abs(float64(half)/float64(full)-9500.0/15000) > 0.1 {
		t.Errorf("bars not proportional: %d cells for 15,000, %d for 9,500\n%s", full, half, out)
	}
}

func TestNiceCeilAndFormat(t *testing.T) {
	for _, tt := range []struct{ in, want float64 }{{0, 1}, {1, 1}, {1.1, 2}, {3, 5}, {23, 25}, {870, 1000}, {15000, 20000}} {
		if got := niceCeil(tt.in); got != tt.want {
			t.Errorf("niceCeil(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct {
		in   float64
		want string
	}{{0, "0"}, {0.125, "0.125"}, {1.5, "1.5"}, {12.25, "12.2"}, {99.99, "100"}, {250, "250"}, {1250, "1,250"}, {1234567, "1,234,567"}} {
		if got := Format(tt.in); got != tt.want {
			t.Errorf("Format(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
