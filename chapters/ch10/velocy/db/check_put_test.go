package db

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// putOp is one write of TestPutDeleteAreDurable.
type putOp struct {
	kind byte
	id   string
	doc  []byte
}

func TestPutDeleteAreDurable(t *testing.T) {
	dir := t.TempDir()
	segSize := int64(200 + rand.IntN(400))
	d, err := Open(dir, Options{SegmentSize: segSize})
	if err != nil {
		t.Fatalf("Open = %v", err)
	}
	syncs := 0
	d.testSync = func(f *os.File) error { syncs++; return datasync(f) }
	want := map[string][]byte{}
	var ops []putOp
	for i := range 40 + rand.IntN(40) {
		id := fmt.Sprintf("order-%d", rand.IntN(12))
		if rand.IntN(4) == 0 {
			if err := d.Delete(id); err != nil {
				t.Fatalf("Delete(%q) = %v", id, err)
			}
			delete(want, id)
			ops = append(ops, putOp{kindDelete, id, nil})
		} else {
			doc := fmt.Appendf(nil, `{"n":%d,"total":%d}`, i, rand.IntN(1e5))
			if err := d.Put(id, doc); err != nil {
				t.Fatalf("Put(%q) = %v", id, err)
			}
			want[id] = doc
			ops = append(ops, putOp{kindPut, id, doc})
		}
		if syncs != len(ops) {
			t.Fatalf("after %d writes the segment was synced %d times, want %d: a write returns only once its record is synced", len(ops), syncs, len(ops))
		}
		got, err := d.Get(id)
		if w := want[id]; (w == nil && !errors.Is(err, ErrNotFound)) || (w != nil && !bytes.Equal(got, w)) {
			t.Fatalf("Get(%q) right after writing it = %s, %v, want %s (or ErrNotFound after a delete): publish the write in the index", id, got, err, w)
		}
	}
	if err := d.Close(); err != nil {
		t.Fatalf("Close = %v", err)
	}

	// The log holds exactly the writes, in order, in segments that
	// roll at SegmentSize.
	var logged []putOp
	paths, err := listSegments(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range paths {
		data, err := os.ReadFile(dir + "/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(data)) > segSize {
			t.Fatalf("segment %s holds %d bytes, more than SegmentSize %d: start a new segment when a write would not fit", name, len(data), segSize)
		}
		for len(data) > 0 {
			r, n, err := decodeRecord(data)
			if err != nil {
				t.Fatalf("segment %s: record %d does not decode: %v", name, len(logged), err)
			}
			logged = append(logged, putOp{r.kind, string(r.id), bytes.Clone(r.doc)})
			data = data[n:]
		}
	}
	if len(logged) != len(ops) {
		t.Fatalf("the segments hold %d records, want one per write: %d", len(logged), len(ops))
	}
	for i := range ops {
		if logged[i].kind != ops[i].kind || logged[i].id != ops[i].id || !bytes.Equal(logged[i].doc, ops[i].doc) {
			t.Fatalf("record %d = kind %d %q %s, want kind %d %q %s", i, logged[i].kind, logged[i].id, logged[i].doc, ops[i].kind, ops[i].id, ops[i].doc)
		}
	}

	d, err = Open(dir, Options{SegmentSize: segSize})
	if err != nil {
		t.Fatalf("reopen = %v", err)
	}
	defer d.Close()
	for id, doc := range want {
		if got, err := d.Get(id); err != nil || !bytes.Equal(got, doc) {
			t.Fatalf("after reopening, Get(%q) = %s, %v, want %s", id, got, err, doc)
		}
	}
}

func TestPutNoSyncAndBadInput(t *testing.T) {
	dir := t.TempDir()
	d, err := Open(dir, Options{NoSync: true})
	if err != nil {
		t.Fatalf("Open = %v", err)
	}
	defer d.Close()
	syncs := 0
	d.testSync = func(f *os.File) error { syncs++; return datasync(f) }
	id := fmt.Sprintf("cache:%d", rand.IntN(1000))
	if err := d.Put(id, []byte(`{"hot":true}`)); err != nil {
		t.Fatalf("Put with NoSync = %v", err)
	}
	if syncs != 0 {
		t.Fatalf("Put with Options.NoSync synced %d times, want 0", syncs)
	}
	if got, err := d.Get(id); err != nil || string(got) != `{"hot":true}` {
		t.Fatalf("Get(%q) after a NoSync Put = %s, %v, want {\"hot\":true}", id, got, err)
	}
	bad := []struct {
		what string
		err  error
	}{
		{"Put with an empty id", d.Put("", []byte(`1`))},
		{"Put with an id of MaxIDLen+1 bytes", d.Put(strings.Repeat("x", MaxIDLen+1), []byte(`1`))},
		{"Put of a document that is not JSON", d.Put("x", []byte(`{"a":`))},
		{"Put of an empty document", d.Put("x", nil)},
		{"Delete with an empty id", d.Delete("")},
	}
	for _, b := range bad {
		if b.err == nil {
			t.Fatalf("%s = no error, want one: check the input before writing", b.what)
		}
	}
	if got, err := d.Get("x"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get(\"x\") after refused Puts = %s, %v, want ErrNotFound", got, err)
	}
}
