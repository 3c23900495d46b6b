package logtar

import (
	"runtime"
	"testing"
)

func TestCallerCacheNoAllocations(t *testing.T) {
	var pcs [1]uintptr
	runtime.Callers(1, pcs[:])
	pc := pcs[0]
	buf := make([]byte, 0, 512)
	want := string(appendCaller(buf[:0], pc)) // the first lookup may allocate
	if n := testing.AllocsPerRun(100, func() { buf = appendCaller(buf[:0], pc) }); n != 0 {
		t.Errorf("appendCaller allocates %v times per call for a PC it has seen before, want 0: keep the fields it wrote for each PC (a sync.Map from PC to string) and append those", n)
	}
	if got := string(appendCaller(buf[:0], pc)); got != want {
		t.Errorf("appendCaller for the same PC wrote %s the first time and %s later, want the same fields", want, got)
	}
	if got := string(appendCaller([]byte(`{"msg":"m"`), pc)); got != `{"msg":"m"`+want {
		t.Errorf("appendCaller after a message = %s, want %s: the cached fields start with their comma", got, `{"msg":"m"`+want)
	}
}

func TestCallerCacheLoggerNoAllocations(t *testing.T) {
	l, err := New(NewConfig().WithWriter(callerCacheDiscard{}).WithCaller(true))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	logIt := func() { l.Info("request served") }
	logIt()
	if n := testing.AllocsPerRun(100, logIt); n != 0 {
		t.Errorf("Info with caller info on allocates %v times per call once its call site has been seen, want 0", n)
	}
}

// callerCacheDiscard is io.Discard without its ReadFrom and string
// methods: a plain writer that keeps nothing.
type callerCacheDiscard struct{}

func (callerCacheDiscard) Write(p []byte) (int, error) { return len(p), nil }
