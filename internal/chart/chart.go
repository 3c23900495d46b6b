// Package chart draws the book's measurement charts twice: as an SVG image
// for the web and the markdown viewers, and as text in Unicode block
// characters for the terminal, from the same Chart. It writes SVG with fmt and
// encoding/xml's escaping: no dependency, and nothing to download.
package chart

import (
	"errors"
	"fmt"
	"math"
)

// Kind is how a chart draws its series.
type Kind int

const (
	// Bars draws one bar per label and series, grouped by label.
	Bars Kind = iota
	// Lines draws each series as a line through one point per label.
	Lines
)

// A Series is one named row of values, one per label of its chart.
type Series struct {
	Name   string    `json:"name"`
	Values []float64 `json:"values"`
}

// A Chart is what to draw: a title, the machine it was measured on, the
// labels along the x axis and one or more series of values. Values are
// finite and not negative: the charts here are of costs and rates.
type Chart struct {
	Kind     Kind     `json:"kind"` // 0 bars, 1 lines
	Title    string   `json:"title"`
	Subtitle string   `json:"subtitle"` // the machine and Go version the numbers come from
	XLabel   string   `json:"xlabel"`   // what the labels are ("goroutines")
	Unit     string   `json:"unit"`     // the values' unit, after each number ("ns", "req/s")
	Labels   []string `json:"labels"`
	Series   []Series `json:"series"`
}

// Validate reports what is wrong with c, if anything: no labels or series,
// a series whose length differs from the labels', or a value that is
// negative, NaN or infinite.
func (c *Chart) Validate() error {
	if len(c.Labels) == 0 {
		return errors.New("chart: no labels")
	}
	if len(c.Series) == 0 {
		return errors.New("chart: no series")
	}
	for _, s := range c.Series {
		if len(s.Values) != len(c.Labels) {
			return fmt.Errorf("chart: series %q has %d values for %d labels", s.Name, len(s.Values), len(c.Labels))
		}
		for i, v := range s.Values {
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				return fmt.Errorf("chart: series %q, label %q: %v is not a finite value >= 0", s.Name, c.Labels[i], v)
			}
		}
	}
	return nil
}

// max returns the largest value of c.
func (c *Chart) max() float64 {
	m := 0.0
	for _, s := range c.Series {
		for _, v := range s.Values {
			m = math.Max(m, v)
		}
	}
	return m
}

// niceCeil returns the smallest of 1, 2, 2.5 or 5 times a power of ten that
// is at least v, so that axis ticks fall on round numbers.
func niceCeil(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= v*(1-1e-12) {
			return m * p
		}
	}
	return 10 * p
}

// Format writes v with three significant digits at most and a thousands
// separator for large values: 0.125, 12.5, 1,250, 125,000.
func Format(v float64) string {
	switch {
	case v == 0:
		return "0"
	case v >= 1000:
		return group(int64(math.Round(v)))
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 10:
		return trimZeros(fmt.Sprintf("%.1f", v))
	case v >= 1:
		return trimZeros(fmt.Sprintf("%.2f", v))
	}
	return trimZeros(fmt.Sprintf("%.3g", v))
}

func trimZeros(s string) string {
	for len(s) > 1 && s[len(s)-1] == '0' && containsDot(s) {
		s = s[:len(s)-1]
	}
	if s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	return s
}

func containsDot(s string) bool {
	for i := range len(s) {
		if s[i] == '.' {
			return true
		}
	}
	return false
}

// group writes n with commas between groups of three digits.
func group(n int64) string {
	s := fmt.Sprint(n)
	out := make([]byte, 0, len(s)+len(s)/3)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}
