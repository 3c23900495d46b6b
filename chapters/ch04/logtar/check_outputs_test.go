package logtar

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"syscall"
	"testing"
	"time"
)

// outputsStepWriter records its Write, Sync and Close calls.
type outputsStepWriter struct {
	bytes.Buffer
	writes  int
	syncs   int
	closes  int
	syncErr error
}

func (w *outputsStepWriter) Write(p []byte) (int, error) { w.writes++; return w.Buffer.Write(p) }
func (w *outputsStepWriter) Sync() error                 { w.syncs++; return w.syncErr }
func (w *outputsStepWriter) Close() error                { w.closes++; return nil }

func TestOutputsWriterWrite(t *testing.T) {
	w := &outputsStepWriter{}
	var o output = &writerOutput{w: w}
	line := fmt.Appendf(nil, `{"msg":"hi","n":%d}`+"\n", rand.Int())
	if err := o.write(time.Time{}, line); err != nil {
		t.Fatalf("writerOutput.write = %v, want nil", err)
	}
	if w.String() != string(line) || w.writes != 1 {
		t.Errorf("after writerOutput.write(%q) the writer holds %q after %d Write calls, want the line in exactly 1 call", line, w.String(), w.writes)
	}
	wantErr := fmt.Errorf("write error %d", rand.Int())
	failing := &writerOutput{w: outputsStepFailWriter{wantErr}}
	if err := failing.write(time.Time{}, line); err != wantErr {
		t.Errorf("writerOutput.write to a writer that fails with %q = %v, want that error", wantErr, err)
	}
}

// outputsStepFailWriter fails every Write with err.
type outputsStepFailWriter struct{ err error }

func (w outputsStepFailWriter) Write([]byte) (int, error) { return 0, w.err }

func TestOutputsWriterSync(t *testing.T) {
	full := errors.New("disk full")
	tests := []struct {
		name    string
		syncErr error
		want    error
	}{
		{"Sync succeeds", nil, nil},
		{"Sync fails: report it", full, full},
		{"a terminal cannot be synced (EINVAL): not an error", fmt.Errorf("sync /dev/stderr: %w", syscall.EINVAL), nil},
		{"a macOS terminal cannot be synced (ENOTTY): not an error", &os.PathError{Op: "sync", Path: "/dev/stdout", Err: syscall.ENOTTY}, nil},
		{"a pipe cannot be synced (ENOTSUP): not an error", syscall.ENOTSUP, nil},
		{"another errno is reported", fmt.Errorf("sync: %w", syscall.EIO), syscall.EIO},
	}
	for _, tt := range tests {
		w := &outputsStepWriter{syncErr: tt.syncErr}
		err := (&writerOutput{w: w}).sync()
		if !errors.Is(err, tt.want) || (tt.want == nil && err != nil) || w.syncs != 1 {
			t.Errorf("%s: writerOutput.sync() = %v after %d calls to the writer's Sync, want %v after 1", tt.name, err, w.syncs, tt.want)
		}
	}
	if err := (&writerOutput{w: io.Discard}).sync(); err != nil {
		t.Errorf("writerOutput{io.Discard}.sync() = %v, want nil: a writer without a Sync method has nothing to sync", err)
	}
}

func TestOutputsWriterNotClosed(t *testing.T) {
	w := &outputsStepWriter{}
	if err := (&writerOutput{w: w}).close(); err != nil || w.closes != 0 {
		t.Errorf("writerOutput.close() = %v and closed the writer %d times, want nil and 0: the writer belongs to whoever passed it in", err, w.closes)
	}
}

func TestOutputsBufferPool(t *testing.T) {
	b := newBuffer()
	if len(*b) != 0 {
		t.Fatalf("newBuffer() has length %d, want an empty buffer", len(*b))
	}
	*b = append(*b, "a record"...)
	b.free()
	for range 10 {
		b := newBuffer()
		if len(*b) != 0 {
			t.Fatalf("newBuffer() after free has length %d (%q), want 0: free must empty the buffer before pooling it", len(*b), *b)
		}
		b.free()
	}
	n := testing.AllocsPerRun(100, func() {
		b := newBuffer()
		*b = append(*b, "a short record"...)
		b.free()
	})
	if n != 0 {
		t.Errorf("newBuffer, append 14 bytes, free allocates %v times, want 0: take buffers from bufferPool and put them back in free", n)
	}
}

func TestOutputsHugeBufferNotPooled(t *testing.T) {
	b := newBuffer()
	*b = append(*b, make([]byte, maxPooledBuffer+1)...)
	huge := *b
	b.free()
	if len(*b) != len(huge) {
		t.Errorf("free on a %d-byte buffer emptied it for the pool, want it left alone: buffers over maxPooledBuffer (%d bytes) go to the garbage collector", len(huge), maxPooledBuffer)
	}
}
