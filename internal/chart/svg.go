package chart

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
)

// The image's size and the plot area inside it, in SVG user units.
const (
	svgWidth  = 760
	svgHeight = 420
	plotLeft  = 90
	plotRight = 740
	plotTop   = 78
	plotBot   = 350
	ticks     = 5
)

// palette holds the series' colours: distinct for the common kinds of
// colour blindness, and readable on white.
var palette = []string{"#1f77b4", "#d95f02", "#1b9e77", "#7570b3", "#e7298a"}

// SVG writes c as a standalone SVG image: a white background (it must read
// in a dark page as well), the title and the machine, a y axis with round
// ticks, the bars or lines with their values, and a legend when there is
// more than one series.
func (c *Chart) SVG(w io.Writer) error {
	if err := c.Validate(); err != nil {
		return err
	}
	var b bytes.Buffer
	top := niceCeil(c.max())
	y := func(v float64) float64 { return plotBot - (plotBot-plotTop)*v/top }
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" role="img" aria-label="%s">`+"\n",
		svgWidth, svgHeight, svgWidth, svgHeight, esc(c.Title))
	fmt.Fprintf(&b, "<title>%s</title>\n", esc(c.Title))
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#ffffff"/>`+"\n", svgWidth, svgHeight)
	fmt.Fprintf(&b, `<text x="%d" y="30" font-size="19" font-weight="bold" fill="#222">%s</text>`+"\n", plotLeft-70, esc(c.Title))
	fmt.Fprintf(&b, `<text x="%d" y="52" font-size="12" fill="#555">%s</text>`+"\n", plotLeft-70, esc(c.Subtitle))
	for i := 0; i <= ticks; i++ {
		v := top * float64(i) / ticks
		ty := y(v)
		fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>`+"\n", plotLeft, ty, plotRight, ty)
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" font-size="11" fill="#444" text-anchor="end">%s</text>`+"\n", plotLeft-8, ty+4, esc(Format(v)))
	}
	fmt.Fprintf(&b, `<text x="16" y="%d" font-size="12" fill="#444" transform="rotate(-90 16 %d)" text-anchor="middle">%s</text>`+"\n",
		(plotTop+plotBot)/2, (plotTop+plotBot)/2, esc(c.Unit))
	slot := float64(plotRight-plotLeft) / float64(len(c.Labels))
	for i, l := range c.Labels {
		cx := plotLeft + slot*(float64(i)+0.5)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="12" fill="#222" text-anchor="middle">%s</text>`+"\n", cx, plotBot+18, esc(l))
	}
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="12" fill="#444" text-anchor="middle">%s</text>`+"\n", (plotLeft+plotRight)/2, plotBot+40, esc(c.XLabel))
	switch c.Kind {
	case Lines:
		c.svgLines(&b, slot, y)
	default:
		c.svgBars(&b, slot, y)
	}
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#444"/>`+"\n", plotLeft, plotBot, plotRight, plotBot)
	if len(c.Series) > 1 {
		for i, s := range c.Series {
			lx := plotLeft + 150*i
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="12" height="12" fill="%s"/>`, lx, svgHeight-22, palette[i%len(palette)])
			fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="12" fill="#222">%s</text>`+"\n", lx+18, svgHeight-12, esc(s.Name))
		}
	}
	b.WriteString("</svg>\n")
	_, err := w.Write(b.Bytes())
	return err
}

func (c *Chart) svgBars(b *bytes.Buffer, slot float64, y func(float64) float64) {
	n := float64(len(c.Series))
	barW := math.Min(slot*0.7/n, 60)
	for i := range c.Labels {
		left := plotLeft + slot*(float64(i)+0.5) - barW*n/2
		for j, s := range c.Series {
			v := s.Values[i]
			x := left + barW*float64(j)
			fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s %s: %s %s</title></rect>`+"\n",
				x, y(v), barW-2, plotBot-y(v), palette[j%len(palette)], esc(s.Name), esc(c.Labels[i]), esc(Format(v)), esc(c.Unit))
			fmt.Fprintf(b, `<text x="%.1f" y="%.1f" font-size="10" fill="#222" text-anchor="middle">%s</text>`+"\n",
				x+(barW-2)/2, y(v)-4, esc(Format(v)))
		}
	}
}

func (c *Chart) svgLines(b *bytes.Buffer, slot float64, y func(float64) float64) {
	for j, s := range c.Series {
		col := palette[j%len(palette)]
		var pts bytes.Buffer
		for i, v := range s.Values {
			fmt.Fprintf(&pts, "%.1f,%.1f ", plotLeft+slot*(float64(i)+0.5), y(v))
		}
		fmt.Fprintf(b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2.5"/>`+"\n", bytes.TrimSpace(pts.Bytes()), col)
		for i, v := range s.Values {
			cx := plotLeft + slot*(float64(i)+0.5)
			fmt.Fprintf(b, `<circle cx="%.1f" cy="%.1f" r="4" fill="%s"><title>%s %s: %s %s</title></circle>`+"\n",
				cx, y(v), col, esc(s.Name), esc(c.Labels[i]), esc(Format(v)), esc(c.Unit))
			// Each series' labels sit a line higher than the one before, so
			// that two points close together keep readable labels.
			fmt.Fprintf(b, `<text x="%.1f" y="%.1f" font-size="10" fill="%s" text-anchor="middle">%s</text>`+"\n",
				cx, y(v)-8-12*float64(j), col, esc(Format(v)))
		}
	}
}

// esc escapes s for XML text and attribute values.
func esc(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s)) // writing to a bytes.Buffer cannot fail
	return b.String()
}
