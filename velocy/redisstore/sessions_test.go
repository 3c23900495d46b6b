package redisstore

import (
	"context"
	"testing"
	"time"
)

func TestSessions(t *testing.T) {
	c := newClient(t)
	prefix := testPrefix(t)
	s := NewSessions(c, prefix)
	ctx := context.Background()

	if data, found, err := s.Load(ctx, "nobody"); err != nil || found || data != nil {
		t.Fatalf("Load(missing) = %q, %v, %v; want nil, false, nil", data, found, err)
	}
	data := []byte(`{"user":"alice"}`)
	if err := s.Save(ctx, "id1", data, time.Now().Add(30*time.Minute)); err != nil {
		t.Fatal(err)
	}
	data[2] = 'X' // Save must not have kept it
	got, found, err := s.Load(ctx, "id1")
	if err != nil || !found || string(got) != `{"user":"alice"}` {
		t.Fatalf("Load = %q, %v, %v; want the saved data", got, found, err)
	}

	// The expiry is the key's TTL, rounded down: never later than expires.
	if d, err := c.PTTL(ctx, prefix+"id1").Result(); err != nil || d <= 29*time.Minute || d > 30*time.Minute {
		t.Fatalf("PTTL %v, %v; want just under 30m", d, err)
	}

	// Saving again replaces the data and the expiry.
	if err := s.Save(ctx, "id1", []byte("v2"), time.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if d, err := c.PTTL(ctx, prefix+"id1").Result(); err != nil || d > time.Minute {
		t.Fatalf("PTTL after the second Save %v, %v; want at most 1m", d, err)
	}

	// An expiry in the past deletes.
	if err := s.Save(ctx, "id1", []byte("v3"), time.Now().Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	if _, found, err := s.Load(ctx, "id1"); found || err != nil {
		t.Fatalf("Load after Save with a past expiry: found %v, err %v; want gone", found, err)
	}

	if err := s.Save(ctx, "id2", []byte("v"), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, "id2"); err != nil {
		t.Fatal(err)
	}
	if _, found, _ := s.Load(ctx, "id2"); found {
		t.Fatal("Load after Delete found the session")
	}
	if err := s.Delete(ctx, "never"); err != nil {
		t.Fatalf("Delete(missing) = %v", err)
	}
}
