package metrics

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// metExpText returns random text with characters that need escaping.
func metExpText() string {
	parts := []string{"a", "b", "/", " ", `\`, `"`, "\n", "{id}", "é"}
	var b strings.Builder
	for range rand.IntN(8) {
		b.WriteString(parts[rand.IntN(len(parts))])
	}
	return b.String()
}

// metExpName returns a random metric or label name.
func metExpName() string {
	return fmt.Sprintf("%s_%d", []string{"http", "jobs", "x", "queue"}[rand.IntN(4)], rand.IntN(1000))
}

func TestMetHeader(t *testing.T) {
	for range 100 {
		name, help := metExpName(), metExpText()
		typ := []string{"counter", "gauge", "histogram"}[rand.IntN(3)]
		var out bytes.Buffer
		tw := &textWriter{w: &out}
		tw.header(name, help, typ)
		tw.flush()
		esc := strings.NewReplacer(`\`, `\\`, "\n", `\n`).Replace(help)
		want := "# HELP " + name + " " + esc + "\n# TYPE " + name + " " + typ + "\n"
		if out.String() != want {
			t.Fatalf("header(%q, %q, %q) wrote\n%q\nwant\n%q\n(help escaped with appendHelp, each line ending in \\n)", name, help, typ, out.String(), want)
		}
	}
}

func TestMetSample(t *testing.T) {
	esc := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	for range 300 {
		name := metExpName()
		suffix := []string{"", "", "_bucket", "_sum", "_count"}[rand.IntN(5)]
		var names, values []string
		for range rand.IntN(4) {
			names = append(names, fmt.Sprint("l", len(names)))
			values = append(values, metExpText())
		}
		le := ""
		if suffix == "_bucket" {
			le = []string{"0.005", "1", "+Inf", "2.5"}[rand.IntN(4)]
		}
		v := float64(rand.IntN(100000)) / 8
		var labels []string
		for i := range names {
			labels = append(labels, names[i]+`="`+esc.Replace(values[i])+`"`)
		}
		if le != "" {
			labels = append(labels, `le="`+le+`"`)
		}
		want := name + suffix
		if len(labels) > 0 {
			want += "{" + strings.Join(labels, ",") + "}"
		}
		want += " " + strconv.FormatFloat(v, 'g', -1, 64) + "\n"
		var out bytes.Buffer
		tw := &textWriter{w: &out}
		tw.sample(name, suffix, names, values, le, v)
		tw.flush()
		if out.String() != want {
			t.Fatalf("sample(%q, %q, %q, %q, %q, %v) wrote\n%q\nwant\n%q\n(no braces without labels; le last; values escaped with appendLabelValue)", name, suffix, names, values, le, v, out.String(), want)
		}
	}
}

func TestMetSampleFlushes(t *testing.T) {
	var out bytes.Buffer
	tw := &textWriter{w: &out}
	lines := 2000 + rand.IntN(1000)
	for i := range lines {
		tw.sample("met_long_name_for_a_big_page_total", "", []string{"route"}, []string{"/some/route/template"}, "", float64(i))
	}
	if out.Len() == 0 {
		t.Fatalf("%d samples (%d bytes) are all still in the buffer: call t.maybeFlush() after each line, so that a big page goes out in chunks", lines, len(tw.buf))
	}
	tw.flush()
	if got := strings.Count(out.String(), "\n"); got != lines {
		t.Fatalf("%d samples wrote %d lines", lines, got)
	}
}
