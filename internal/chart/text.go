package chart

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// eighths are the block characters from one eighth of a cell to a full one.
var eighths = []rune{'▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'}

// Text renders c as lines no wider than width columns (at least 40): the
// title, the machine, then one bar per label and series, drawn in block
// characters to eighths of a cell and followed by the value and unit. Lines
// and bars are drawn alike: in a terminal, lengths compare better than dots.
func (c *Chart) Text(width int) (string, error) {
	if err := c.Validate(); err != nil {
		return "", err
	}
	width = max(width, 40)
	labelW := 0
	for _, l := range c.Labels {
		labelW = max(labelW, utf8.RuneCountInString(l))
	}
	nameW := 0
	if len(c.Series) > 1 {
		for _, s := range c.Series {
			nameW = max(nameW, utf8.RuneCountInString(s.Name)+1)
		}
	}
	valueW := 0
	for _, s := range c.Series {
		for _, v := range s.Values {
			valueW = max(valueW, len(Format(v)))
		}
	}
	valueW += 1 + utf8.RuneCountInString(c.Unit)
	barW := width - labelW - nameW - valueW - 4
	if barW < 8 {
		barW = 8
	}
	top := c.max()
	var b strings.Builder
	b.WriteString(clip(c.Title, width) + "\n")
	if c.Subtitle != "" {
		b.WriteString(clip(c.Subtitle, width) + "\n")
	}
	b.WriteString("\n")
	for i, l := range c.Labels {
		for j, s := range c.Series {
			label := ""
			if j == 0 {
				label = l
			}
			name := ""
			if nameW > 0 {
				name = s.Name
			}
			fmt.Fprintf(&b, "%*s %-*s│%-*s %s %s\n", labelW, label, nameW, name, barW, bar(s.Values[i], top, barW),
				Format(s.Values[i]), c.Unit)
		}
	}
	if c.XLabel != "" {
		fmt.Fprintf(&b, "%*s\n", labelW, "")
		b.WriteString(clip("(rows: "+c.XLabel+")", width) + "\n")
	}
	// fmt pads in runes, so the columns line up; the spaces it put after
	// the last column are dropped.
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n") + "\n", nil
}

// bar draws v out of top in at most w cells, to an eighth of a cell; any
// value above zero shows at least a sliver.
func bar(v, top float64, w int) string {
	if top <= 0 || v <= 0 {
		return ""
	}
	units := int(math.Round(v / top * float64(w*8)))
	units = max(units, 1)
	s := strings.Repeat(string(eighths[7]), units/8)
	if r := units % 8; r > 0 {
		s += string(eighths[r-1])
	}
	return s
}

// clip cuts s to w runes.
func clip(s string, w int) string {
	if utf8.RuneCountInString(s) <= w {
		return s
	}
	r := []rune(s)
	return string(r[:w-1]) + "…"
}
