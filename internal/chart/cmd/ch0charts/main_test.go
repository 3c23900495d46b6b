package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunQuick runs every measurement briefly and checks what it writes:
// one well-formed SVG and one text fallback per chart, each naming the
// machine. It asserts nothing about the numbers.
func TestRunQuick(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a loopback load")
	}
	dir := t.TempDir()
	devnull, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer devnull.Close()
	if err := run(dir, true, devnull); err != nil {
		t.Fatal(err)
	}
	machine := cpuModel()
	for _, name := range []string{"spawn-cost", "loopback-rate", "loopback-latency", "gomaxprocs", "bench-noise"} {
		svg, err := os.ReadFile(filepath.Join(dir, name+".svg"))
		if err != nil {
			t.Fatal(err)
		}
		d := xml.NewDecoder(bytes.NewReader(svg))
		for {
			if _, err := d.Token(); errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				t.Fatalf("%s.svg: %v", name, err)
			}
		}
		txt, err := os.ReadFile(filepath.Join(dir, name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(svg), machine) || !strings.Contains(string(txt), machine) {
			t.Errorf("%s does not name the machine (%q)", name, machine)
		}
	}
}

func TestPaste(t *testing.T) {
	assets, lessons := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(assets, "a.txt"), []byte("new\nchart\n"), 0o644)
	lesson := "# x\n\n![A](../../assets/ch00/a.svg)\n\n```text\nold\n```\n\nafter\n"
	os.WriteFile(filepath.Join(lessons, "00.01-x.md"), []byte(lesson), 0o644)
	n, err := paste(assets, lessons)
	if err != nil || n != 1 {
		t.Fatalf("paste = %d, %v; want 1, nil", n, err)
	}
	got, _ := os.ReadFile(filepath.Join(lessons, "00.01-x.md"))
	if want := "# x\n\n![A](../../assets/ch00/a.svg)\n\n```text\nnew\nchart\n```\n\nafter\n"; string(got) != want {
		t.Errorf("lesson after paste:\n%s\nwant:\n%s", got, want)
	}
	if n, err := paste(assets, lessons); err != nil || n != 0 {
		t.Errorf("second paste = %d, %v; want 0, nil", n, err)
	}
}
