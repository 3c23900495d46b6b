package suite

import (
	"path/filepath"
	"testing"
)

func TestStoreReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kv.db")
	s, err := OpenStore(path)
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.Put("a", "1"))
	must(s.Put("b", "2"))
	must(s.Put("a", "3"))
	if err := s.Put("c", "two\nlines"); err == nil {
		t.Error("Put of a value with a newline: no error")
	}
	if err := s.Put("c\td", "x"); err == nil {
		t.Error("Put of a key with a tab: no error")
	}
	must(s.Close())

	s, err = OpenStore(path)
	if err != nil {
		t.Fatalf("reopening: %v", err)
	}
	defer s.Close()
	for k, want := range map[string]string{"a": "3", "b": "2"} {
		if got, ok := s.Get(k); !ok || got != want {
			t.Errorf("after reopening, Get(%q) = %q, %v; want %q", k, got, ok, want)
		}
	}
	if _, ok := s.Get("c"); ok {
		t.Error("after reopening, a refused Put is there")
	}
}
