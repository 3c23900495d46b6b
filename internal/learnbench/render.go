package learnbench

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Width is the width of what Render draws: it fits an 80-column terminal.
const Width = 80

// barWidth is the widest bar, in columns.
const barWidth = 22

// Render writes the report: a header, the notes, then one block per group, in suite order: a
// title, one row per contender (ns/op, B/op, allocs/op, the ratio to the reference and a bar),
// and the lesson section that explains the numbers. With color, your rows and bars are cyan and
// the reasons a contender was not timed red; without, the text is plain (NO_COLOR).
func Render(w io.Writer, rep *Report, color bool) error {
	p := &printer{w: w, color: color}
	p.wrapped("", rep.Env)
	p.line("×ref is ns/op over the reference's. One run on a shared machine: ratios are")
	p.line("steadier than times, and differences under about 10% are noise.")
	if s := maxSpread(rep.Results); s > busySpread {
		p.line("")
		p.wrapped("note: ", fmt.Sprintf("the machine was busy: the rounds of one contender differed by up to %.1f×, "+
			"and ratios may be off by as much; run again when it is quieter, or with --count 5", s))
	}
	for _, n := range rep.Notes {
		p.line("")
		p.wrapped("note: ", n)
	}
	for _, pkg := range rep.Packages {
		su, ok := suite(pkg)
		if !ok {
			continue
		}
		for _, g := range su.Groups {
			var rows []Result
			for _, r := range rep.Results {
				if r.Group == g.Name {
					rows = append(rows, r)
				}
			}
			if len(rows) == 0 {
				continue
			}
			p.line("")
			p.group(g, rows)
		}
	}
	return p.err
}

// busySpread is the spread between a contender's rounds above which Render warns that the
// machine was too busy for the ratios to be trusted.
const busySpread = 1.25

func maxSpread(results []Result) float64 {
	top := 0.0
	for _, r := range results {
		top = math.Max(top, r.Spread)
	}
	return top
}

type printer struct {
	w     io.Writer
	color bool
	err   error
}

func (p *printer) line(s string) {
	if p.err == nil {
		_, p.err = io.WriteString(p.w, s+"\n")
	}
}

// paint wraps s in an SGR sequence when colour is on.
func (p *printer) paint(code, s string) string {
	if !p.color || s == "" {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

// wrapped writes text after prefix, broken at spaces to fit Width, later lines indented as
// far as the prefix; lines of text that start with spaces (compiler output) are kept as they
// are.
func (p *printer) wrapped(prefix, text string) {
	pad := strings.Repeat(" ", len([]rune(prefix)))
	first := true
	for _, para := range strings.Split(text, "\n") {
		lead := prefix
		if !first {
			lead = pad
		}
		first = false
		if strings.HasPrefix(para, " ") {
			p.line(lead + para)
			continue
		}
		for _, l := range wrap(para, Width-len([]rune(pad))) {
			p.line(lead + l)
			lead = pad
		}
	}
}

// wrap breaks s at spaces into lines of at most width runes (a longer word stays whole).
func wrap(s string, width int) []string {
	var lines []string
	var cur strings.Builder
	for _, word := range strings.Fields(s) {
		if cur.Len() > 0 && len([]rune(cur.String()))+1+len([]rune(word)) > width {
			lines = append(lines, cur.String())
			cur.Reset()
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(word)
	}
	if cur.Len() > 0 || len(lines) == 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

const rowFormat = "  %-20s %9s %8s %6s %6s  %s"

func (p *printer) group(g Group, rows []Result) {
	p.line(p.paint("1", g.Title))
	p.line(strings.TrimRight(fmt.Sprintf(rowFormat, "contender", "ns/op", "B/op", "allocs", "×ref", ""), " "))
	ref, top := 0.0, 0.0
	for _, r := range rows {
		if r.Err == "" {
			top = math.Max(top, r.NsPerOp)
			if r.Kind == "reference" {
				ref = r.NsPerOp
			}
		}
	}
	for _, r := range rows {
		name := clip(r.Contender, 20)
		if r.Err != "" {
			p.line(fmt.Sprintf("  %-20s %s", name, p.paint("31", "not timed:")))
			p.wrapped("    ", r.Err)
			continue
		}
		ratio := "-"
		if ref > 0 {
			ratio = fmt.Sprintf("%.2f", r.NsPerOp/ref)
		}
		bar := bar(r.NsPerOp, top, barWidth)
		if r.Kind == "yours" {
			bar = p.paint("36", bar)
		}
		row := fmt.Sprintf(rowFormat, name, nanos(r.NsPerOp), thousands(r.Bytes), thousands(r.Allocs), ratio, bar)
		p.line(strings.TrimRight(row, " "))
	}
	p.line("  see chapters/" + g.Lesson)
}

// bar draws v as a bar of eighth blocks, top filling width columns; a value above zero shows at
// least a sliver.
func bar(v, top float64, width int) string {
	if top <= 0 || v <= 0 || math.IsNaN(v) {
		return ""
	}
	eighths := int(math.Round(v / top * float64(width*8)))
	eighths = max(eighths, 1)
	const parts = " ▏▎▍▌▋▊▉"
	s := strings.Repeat("█", eighths/8)
	if r := eighths % 8; r > 0 {
		s += string([]rune(parts)[r])
	}
	return s
}

// nanos formats a time per op: two decimals under 10 ns, one under 100, none above, with
// thousands separated.
func nanos(ns float64) string {
	switch {
	case ns < 10:
		return strconv.FormatFloat(ns, 'f', 2, 64)
	case ns < 100:
		return strconv.FormatFloat(ns, 'f', 1, 64)
	}
	return thousands(int64(math.Round(ns)))
}

// thousands formats n with commas between groups of three digits.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// clip shortens s to n runes, marking the cut.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
