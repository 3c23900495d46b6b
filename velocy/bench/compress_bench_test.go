package bench

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	chimw "github.com/go-chi/chi/v5/middleware"
	"github.com/klauspost/compress/gzhttp"
)

// The compression benchmark serves one 64 KiB JSON response through each
// gzip middleware, at the same level, to a request that accepts gzip only:
// one op is one response. MB/s is of the JSON before compression; gz-B/op is
// the compressed size, so that a middleware cannot look fast by compressing
// less. TestCompress64KSameBytes checks that every output gunzips to the
// JSON.

// compressLevel is the gzip level given to every middleware: chi's
// documentation suggests 5.
const compressLevel = 5

// jsonPayload is 64 KiB of JSON shaped like an API listing: an array of
// objects with ids, names, e-mails, tags and timestamps, from a fixed seed,
// so that it compresses like real data (about 4 to 5 times) and is the same
// on every run.
var jsonPayload = makeJSONPayload(64 << 10)

func makeJSONPayload(size int) []byte {
	rng := rand.New(rand.NewPCG(7, 64))
	words := []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima"}
	var b bytes.Buffer
	b.WriteString("[")
	for i := 0; ; i++ {
		var item bytes.Buffer
		if i > 0 {
			item.WriteString(",")
		}
		fmt.Fprintf(&item, `{"id":%d,"login":"%s%d","email":"%s.%s@example.com","score":%.3f,"tags":["%s","%s"],"active":%t,"created_at":"2026-%02d-%02dT%02d:%02d:%02dZ"}`,
			1000+i, words[rng.IntN(len(words))], rng.IntN(10000),
			words[rng.IntN(len(words))], words[rng.IntN(len(words))], rng.Float64()*100,
			words[rng.IntN(len(words))], words[rng.IntN(len(words))], rng.IntN(2) == 1,
			1+rng.IntN(12), 1+rng.IntN(28), rng.IntN(24), rng.IntN(60), rng.IntN(60))
		// Stop before the closing bracket would overflow, then pad the
		// last object's way to exactly size bytes with a filler string.
		const pad = `,{"pad":""}`
		if b.Len()+item.Len()+len(pad)+1 > size {
			fill := size - b.Len() - len(pad) - 1
			fmt.Fprintf(&b, `,{"pad":"%s"}`, bytes.Repeat([]byte("x"), fill))
			break
		}
		b.Write(item.Bytes())
	}
	b.WriteString("]")
	return b.Bytes()
}

// serveJSON is the handler behind every compressor.
func serveJSON(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(jsonPayload)
}

// compressor is one gzip middleware under test.
type compressor struct {
	name string
	mw   func(http.Handler) http.Handler
}

func compressors(tb testing.TB) []compressor {
	gz, err := gzhttp.NewWrapper(gzhttp.CompressionLevel(compressLevel), gzhttp.EnableZstd(false))
	if err != nil {
		tb.Fatal(err)
	}
	return []compressor{
		{"velocy", ourCompress(compressLevel)},
		{"gzhttp", func(h http.Handler) http.Handler { return gz(h) }},
		{"chi", chimw.Compress(compressLevel)},
	}
}

// countingWriter is a ResponseWriter that counts the body bytes and keeps
// nothing. Its header map is cleared before each response.
type countingWriter struct {
	h http.Header
	n int64
}

func (w *countingWriter) Header() http.Header         { return w.h }
func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }
func (w *countingWriter) WriteHeader(int)             {}

func gzipRequests() *freshRequests {
	reqs := newFreshRequests([]route{{http.MethodGet, "/items"}})
	reqs.tmpl[0].Header = http.Header{"Accept-Encoding": {"gzip"}}
	return reqs
}

func BenchmarkCompress64K(b *testing.B) {
	for _, c := range compressors(b) {
		b.Run(c.name, func(b *testing.B) {
			h := c.mw(http.HandlerFunc(serveJSON))
			w := &countingWriter{h: http.Header{}}
			reqs := gzipRequests()
			b.SetBytes(int64(len(jsonPayload)))
			b.ReportAllocs()
			for b.Loop() {
				clear(w.h)
				h.ServeHTTP(w, reqs.get(0))
			}
			if b.N > 0 {
				b.ReportMetric(float64(w.n)/float64(b.N), "gz-B/op")
			}
		})
	}
}

// TestCompress64KSameBytes checks what the benchmark compares: each
// middleware answers the benchmark's request with gzip, and the body
// gunzips to the very JSON the handler wrote.
func TestCompress64KSameBytes(t *testing.T) {
	if len(jsonPayload) != 64<<10 {
		t.Fatalf("payload is %d bytes, want %d", len(jsonPayload), 64<<10)
	}
	if !json.Valid(jsonPayload) {
		t.Fatal("the payload is not valid JSON")
	}
	for _, c := range compressors(t) {
		t.Run(c.name, func(t *testing.T) {
			h := c.mw(http.HandlerFunc(serveJSON))
			for range 2 { // twice: a pooled writer must come back clean
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, gzipRequests().get(0))
				if ce := rec.Header().Get("Content-Encoding"); ce != "gzip" {
					t.Fatalf("Content-Encoding %q, want gzip", ce)
				}
				zr, err := gzip.NewReader(rec.Body)
				if err != nil {
					t.Fatal(err)
				}
				got, err := io.ReadAll(zr)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, jsonPayload) {
					t.Fatalf("gunzipped %d bytes that differ from the %d of the payload", len(got), len(jsonPayload))
				}
			}
		})
	}
}

// BenchmarkCompress64KPaired serves the response through every compressor
// in each op, one after the other, timing each, so that they are compared
// under the same load on a busy machine. It reports each one's median MB/s
// (NAME-MB/s) and the median of the per-op ratios of ours to each other
// (velocy/NAME, above 1 when ours is faster); ns/op is of no interest. The
// order rotates from op to op.
func BenchmarkCompress64KPaired(b *testing.B) {
	cs := compressors(b)
	hs := make([]http.Handler, len(cs))
	for i, c := range cs {
		hs[i] = c.mw(http.HandlerFunc(serveJSON))
	}
	w := &countingWriter{h: http.Header{}}
	reqs := gzipRequests()
	secs := make([][]float64, len(cs))
	ratios := make([][]float64, len(cs))
	took := make([]time.Duration, len(cs))
	for op := 0; b.Loop(); op++ {
		// Rotate who goes first: the first of an op finds the caches
		// the others' work left.
		for j := range hs {
			i := (op + j) % len(hs)
			h := hs[i]
			clear(w.h)
			t0 := time.Now()
			h.ServeHTTP(w, reqs.get(0))
			took[i] = time.Since(t0)
			secs[i] = append(secs[i], took[i].Seconds())
		}
		for i := 1; i < len(cs); i++ {
			ratios[i] = append(ratios[i], float64(took[i])/float64(took[0]))
		}
	}
	mb := float64(len(jsonPayload)) / 1e6
	for i, c := range cs {
		b.ReportMetric(mb/median(secs[i]), c.name+"-MB/s")
		if i > 0 {
			b.ReportMetric(median(ratios[i]), "velocy/"+c.name)
		}
	}
}
