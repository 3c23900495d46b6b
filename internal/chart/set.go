package chart

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
)

// TextWidth is the width of the book's text fallbacks: an 80-column
// terminal, less the indent a lesson viewer gives a code block.
const TextWidth = 76

// A Set is one run of measurements: the machine they were taken on, the
// charts by name, and notes with the numbers that are not charts. It is
// kept as JSON beside the images it draws, so that a change to the
// drawing needs no new measurement.
type Set struct {
	Machine string            `json:"machine"`
	Charts  map[string]*Chart `json:"charts"`
	Notes   []string          `json:"notes,omitempty"`
}

// Marshal returns the set as indented JSON.
func (s *Set) Marshal() ([]byte, error) {
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	return append(data, '\n'), nil
}

// UnmarshalSet reads a set written by Marshal, and validates every chart.
func UnmarshalSet(data []byte) (*Set, error) {
	var s Set
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	for _, name := range slices.Sorted(maps.Keys(s.Charts)) {
		c := s.Charts[name]
		if c == nil {
			return nil, fmt.Errorf("chart: %s is null", name)
		}
		if err := c.Validate(); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return &s, nil
}

// Draw returns every chart of the set drawn twice, as NAME.svg and, width
// columns wide, NAME.txt.
func (s *Set) Draw(width int) (map[string][]byte, error) {
	out := map[string][]byte{}
	for name, c := range s.Charts {
		var b bytes.Buffer
		if err := c.SVG(&b); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out[name+".svg"] = b.Bytes()
		txt, err := c.Text(width)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out[name+".txt"] = []byte(txt)
	}
	return out, nil
}
