package state

import (
	"math/rand/v2"
	"strconv"
	"testing"
	"testing/synctest"
	"time"
)

func TestSessionsUsePrefix(t *testing.T) {
	ctx := t.Context()
	m := NewMemory(MemoryOptions{})
	prefix := "s" + strconv.Itoa(rand.IntN(1000)) + ":"
	s := Sessions(m, prefix)
	data := []byte(strconv.Itoa(rand.Int()))
	if err := s.Save(ctx, "id", data, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if v, found, _ := m.Get(ctx, prefix+"id"); !found || string(v) != string(data) {
		t.Fatalf("after Save(\"id\"): the Store holds %q, %v under %q; want %q", v, found, prefix+"id", data)
	}
	if v, found, err := s.Load(ctx, "id"); !found || err != nil || string(v) != string(data) {
		t.Fatalf("Load = %q, %v, %v; want %q, true, nil", v, found, err, data)
	}
	if err := s.Delete(ctx, "id"); err != nil {
		t.Fatal(err)
	}
	if _, found, _ := m.Get(ctx, prefix+"id"); found {
		t.Error("Delete left the key in the Store")
	}
}

func TestSessionsExpire(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := t.Context()
		s := Sessions(NewMemory(MemoryOptions{}), "session:")
		life := time.Duration(1+rand.IntN(120)) * time.Minute
		s.Save(ctx, "a", []byte("x"), time.Now().Add(life))
		s.Save(ctx, "forever", []byte("x"), time.Time{})
		time.Sleep(life - time.Second)
		if _, found, _ := s.Load(ctx, "a"); !found {
			t.Fatalf("a session saved until %v from now is gone before then", life)
		}
		time.Sleep(time.Second)
		if _, found, _ := s.Load(ctx, "a"); found {
			t.Fatal("a session is still there after its expiry: Save with the time left as the ttl")
		}
		if _, found, _ := s.Load(ctx, "forever"); !found {
			t.Error("a session saved with a zero expiry expired")
		}
		s.Save(ctx, "b", []byte("x"), time.Now().Add(time.Hour))
		if err := s.Save(ctx, "b", []byte("x"), time.Now().Add(-time.Second)); err != nil {
			t.Fatalf("Save with an expiry in the past = %v; want nil (delete the session)", err)
		}
		if _, found, _ := s.Load(ctx, "b"); found {
			t.Error("Save with an expiry in the past kept the session")
		}
	})
}
