package db

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
)

func TestScaffoldPutGet(t *testing.T) {
	d, err := Open(t.TempDir(), Options{NoSync: true})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer d.Close()
	want := map[string][]byte{}
	for i := range 50 {
		id := fmt.Sprintf("k%d", rand.IntN(20))
		doc := fmt.Appendf(nil, `{"n":%d,"r":%d}`, i, rand.IntN(1000))
		if err := d.Put(id, doc); err != nil {
			t.Fatalf("Put(%q): %v", id, err)
		}
		want[id] = doc
	}
	for id, doc := range want {
		got, err := d.Get(id)
		if err != nil {
			t.Fatalf("Get(%q) after Put = %v: AppendGet must find the id in its shard and read its record", id, err)
		}
		if !bytes.Equal(got, doc) {
			t.Fatalf("Get(%q) = %s, want %s", id, got, doc)
		}
	}
}
