package httpcache

import (
	"net/http"
	"reflect"
	"testing"
	"time"
)

func TestEntryRoundTrip(t *testing.T) {
	e := &entry{
		status:     203,
		header:     http.Header{"Content-Type": {"text/plain"}, "X-Many": {"a", "", "c"}},
		body:       []byte("body\x00bytes"),
		stored:     time.Unix(1700000000, 123456789),
		lifetime:   90 * time.Second,
		initialAge: 3 * time.Second,
		vary:       []string{"Accept-Encoding", "Accept-Language"},
	}
	got, err := decodeEntry(e.encode())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, e) {
		t.Errorf("decode(encode(e)) = %+v, want %+v", got, e)
	}
}

func FuzzDecodeEntry(f *testing.F) {
	f.Add((&entry{status: 200, header: http.Header{"A": {"b"}}, body: []byte("x")}).encode())
	f.Add((&entry{vary: []string{"Accept"}}).encode())
	f.Add([]byte("vhc\x01\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01"))
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := decodeEntry(b)
		if err != nil {
			return
		}
		again, err := decodeEntry(e.encode())
		if err != nil || !reflect.DeepEqual(again, e) {
			t.Fatalf("entry decoded from %q does not survive encode: %v", b, err)
		}
	})
}
