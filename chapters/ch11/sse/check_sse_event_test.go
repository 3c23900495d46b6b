package sse

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// hsSSEEvent is an event as a browser's EventSource sees it.
type hsSSEEvent struct {
	id, typ, data string
}

// hsParseSSE reads a text/event-stream the way the HTML standard tells a
// browser to (section 9.2.6), and returns the events it dispatches.
func hsParseSSE(stream string) []hsSSEEvent {
	stream = strings.ReplaceAll(stream, "\r\n", "\n")
	stream = strings.ReplaceAll(stream, "\r", "\n")
	var out []hsSSEEvent
	var id, typ string
	var data strings.Builder
	lines := strings.Split(stream, "\n")
	lines = lines[:len(lines)-1] // text after the last line break is not a line yet
	for _, line := range lines {
		if line == "" {
			if data.Len() > 0 {
				t := typ
				if t == "" {
					t = "message"
				}
				out = append(out, hsSSEEvent{id: id, typ: t, data: strings.TrimSuffix(data.String(), "\n")})
			}
			data.Reset()
			typ = ""
			continue
		}
		if strings.HasPrefix(line, ":") {
			continue
		}
		field, value, _ := strings.Cut(line, ":")
		value = strings.TrimPrefix(value, " ")
		switch field {
		case "data":
			data.WriteString(value + "\n")
		case "event":
			typ = value
		case "id":
			if !strings.Contains(value, "\x00") {
				id = value
			}
		}
	}
	return out
}

// hsSSEWord returns a random word of the letters given, n runes long.
func hsSSEWord(letters string, n int) string {
	rs := []rune(letters)
	var b strings.Builder
	for range n {
		b.WriteRune(rs[rand.IntN(len(rs))])
	}
	return b.String()
}

func TestHsWriteEventExact(t *testing.T) {
	e := Event{
		ID:   fmt.Sprint(rand.IntN(100000)),
		Name: hsSSEWord("abcdefghijklmnopqrstuvwxyz", 3+rand.IntN(6)),
		Data: hsSSEWord("abcxyz{}\":,019", 1+rand.IntN(10)) + "\n" + hsSSEWord("abcxyz{}\":,019", 1+rand.IntN(10)),
	}
	first, second, _ := strings.Cut(e.Data, "\n")
	want := "id: " + e.ID + "\nevent: " + e.Name + "\ndata: " + first + "\ndata: " + second + "\n\n"
	var buf bytes.Buffer
	if err := WriteEvent(&buf, e); err != nil {
		t.Fatalf("WriteEvent(%#v) = %v, want nil", e, err)
	}
	if got := buf.String(); got != want {
		t.Fatalf("WriteEvent(%#v) wrote %q, want %q: an id: line, an event: line, one data: line per line of Data, then a blank line", e, got, want)
	}
}

func TestHsWriteEventRoundTrip(t *testing.T) {
	const text = "abc xyz:019{}\"é€😀\t"
	ends := []string{"\n", "\r\n", "\r"}
	for range 200 {
		e := Event{}
		if rand.IntN(3) > 0 {
			e.ID = hsSSEWord("abc019-_: ", 1+rand.IntN(8))
		}
		if rand.IntN(3) > 0 {
			e.Name = hsSSEWord("abcdefxyz-.", 1+rand.IntN(8))
		}
		var data, want strings.Builder
		end := ""
		for i := range rand.IntN(5) {
			if i > 0 {
				end = ends[rand.IntN(len(ends))]
				data.WriteString(end)
				want.WriteString("\n")
			}
			w := hsSSEWord(text, rand.IntN(10))
			if w == "" && end == "\r" {
				w = "x" // "\r" then "\n" would be one "\r\n"
			}
			if rand.IntN(4) == 0 {
				w = " " + w // a leading space is data too
			}
			data.WriteString(w)
			want.WriteString(w)
		}
		e.Data = data.String()

		var buf bytes.Buffer
		if err := WriteEvent(&buf, e); err != nil {
			t.Fatalf("WriteEvent(%#v) = %v, want nil", e, err)
		}
		got := hsParseSSE(buf.String())
		if len(got) != 1 {
			t.Fatalf("WriteEvent(%#v) wrote %q: a browser reads %d events from it, want 1 (an event ends with a blank line; every line of Data needs its own data: line, even an empty Data)", e, buf.String(), len(got))
		}
		typ := e.Name
		if typ == "" {
			typ = "message"
		}
		wantEv := hsSSEEvent{id: e.ID, typ: typ, data: want.String()}
		if got[0] != wantEv {
			t.Fatalf("WriteEvent(%#v) wrote %q: a browser reads id %q, type %q, data %q; want id %q, type %q, data %q (split Data at \\n, \\r\\n and \\r; write \"data: \" then the line)",
				e, buf.String(), got[0].id, got[0].typ, got[0].data, wantEv.id, wantEv.typ, wantEv.data)
		}
	}
}

func TestHsWriteEventLineBreak(t *testing.T) {
	breaks := []string{"\n", "\r", "\r\n"}
	word := hsSSEWord("abcxyz", 2+rand.IntN(5))
	inj := word + breaks[rand.IntN(len(breaks))] + "data: injected"
	for _, e := range []Event{{ID: inj, Data: "x"}, {Name: inj, Data: "x"}} {
		var buf bytes.Buffer
		err := WriteEvent(&buf, e)
		if !errors.Is(err, ErrLineBreak) {
			t.Fatalf("WriteEvent(%#v) = %v, want ErrLineBreak: a line break in an id or a name would start a field of its own", e, err)
		}
		if buf.Len() != 0 {
			t.Fatalf("WriteEvent(%#v) refused the event but wrote %q: check the fields before writing anything", e, buf.String())
		}
	}
}
