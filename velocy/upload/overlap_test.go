package upload

import (
	"bytes"
	"errors"
	"sync"
	"testing"
)

// slowWriter records what it is given; it fails from the failAt-th write
// on, if failAt > 0.
type slowWriter struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	writes int
	failAt int
}

var errDisk = errors.New("disk full")

func (s *slowWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.writes++
	if s.failAt > 0 && s.writes >= s.failAt {
		return 0, errDisk
	}
	return s.buf.Write(p)
}

func TestWriterOrder(t *testing.T) {
	sw := &slowWriter{}
	wr := newWriter(sw, 8)
	var want bytes.Buffer
	for i := range 100 {
		b := wr.buffer()
		n := copy(b, bytes.Repeat([]byte{byte('a' + i%26)}, 1+i%8))
		want.Write(b[:n])
		if err := wr.write(b[:n]); err != nil {
			t.Fatal(err)
		}
	}
	if err := wr.close(); err != nil {
		t.Fatal(err)
	}
	if err := wr.close(); err != nil { // twice is fine
		t.Fatal(err)
	}
	if sw.buf.String() != want.String() {
		t.Errorf("written %q, want %q", sw.buf.String(), want.String())
	}
	if wr.allocated > writerBuffers {
		t.Errorf("%d buffers made, want at most %d", wr.allocated, writerBuffers)
	}
}

func TestWriterError(t *testing.T) {
	sw := &slowWriter{failAt: 3}
	wr := newWriter(sw, 4)
	var err error
	for i := 0; i < 1000 && err == nil; i++ {
		err = wr.write(wr.buffer())
	}
	if !errors.Is(err, errDisk) {
		t.Errorf("write: %v, want the disk's error", err)
	}
	if err := wr.close(); !errors.Is(err, errDisk) {
		t.Errorf("close: %v, want the disk's error", err)
	}
}
