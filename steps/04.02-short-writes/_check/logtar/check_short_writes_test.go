package logtar

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
)

// shortWritesDisk is a writer with a fixed amount of free space, like a
// disk: a Write that does not fit writes what does, then fails.
type shortWritesDisk struct {
	mu    sync.Mutex
	data  []byte
	space int
}

var shortWritesErrFull = errors.New("no space left on device")

func (d *shortWritesDisk) Write(p []byte) (int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(p) > d.space {
		n := d.space
		d.data = append(d.data, p[:n]...)
		d.space = 0
		return n, shortWritesErrFull
	}
	d.data = append(d.data, p...)
	d.space -= len(p)
	return len(p), nil
}

func (d *shortWritesDisk) free(n int) {
	d.mu.Lock()
	d.space += n
	d.mu.Unlock()
}

// shortWritesLines splits data into lines and returns the msg of each line
// that is a whole JSON record, and the lines that are not.
func shortWritesLines(data string) (msgs, broken []string) {
	for _, line := range strings.Split(strings.TrimSuffix(data, "\n"), "\n") {
		var r map[string]any
		if json.Unmarshal([]byte(line), &r) == nil {
			msgs = append(msgs, fmt.Sprint(r["msg"]))
		} else {
			broken = append(broken, line)
		}
	}
	return msgs, broken
}

func TestShortWritesWriterEndsTheLine(t *testing.T) {
	before, after := 1+rand.IntN(5), 1+rand.IntN(5)
	one := len(appendHeader(nil, logFilesStepClock(), LevelInfo, "r0")) + len("}\n")
	d := &shortWritesDisk{space: before*one + 1 + rand.IntN(one-2)} // the next record does not fit
	l, err := New(NewConfig().WithWriter(d).WithClock(logFilesStepClock))
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for i := range before {
		want = append(want, fmt.Sprintf("r%d", i))
		l.Info(want[i])
	}
	l.Info("cut") // writes part of itself, then fails
	l.Info("lost")
	d.free(1 << 20) // space comes back
	for i := range after {
		want = append(want, fmt.Sprintf("s%d", i))
		l.Info(want[before+i])
	}
	l.Close()
	msgs, broken := shortWritesLines(string(d.data))
	if len(broken) != 1 || strings.Join(msgs, " ") != strings.Join(want, " ") {
		t.Errorf("%d records, then one that a full disk cut short, then one more while full, then %d after space came back: the writer holds the whole records %q and the broken lines %q, want %q and one broken line: after a short write, end the line before the next record (set cut, and write a newline first)",
			before, after, msgs, broken, want)
	}
	if !bytes.HasSuffix(d.data, []byte("}\n")) {
		t.Errorf("the output ends in %q, want a whole record", d.data[max(0, len(d.data)-20):])
	}
}
