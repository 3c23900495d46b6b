package db

import (
	"fmt"
	"runtime"
	"testing"
)

// benchIndexes are 0 to 3 indexes over the fields of benchIndexDoc.
var benchIndexes = []Index{
	{Name: "by_score", Field: "score"},
	{Name: "by_email", Field: "email", Unique: true},
	{Name: "by_city", Field: "addr.city"},
}

func benchIndexDoc(i int) []byte {
	return fmt.Appendf(nil, `{"email":"user%07d@example.com","score":%d,"addr":{"city":"c%d"}}`, i, i*7919%100_000, i%50)
}

// BenchmarkPutIndexes is what indexes cost a write: a NoSync Put (no disk
// wait, so the CPU cost shows) with 0, 1 and 3 indexes.
func BenchmarkPutIndexes(b *testing.B) {
	for n := range len(benchIndexes) + 1 {
		if n == 2 {
			continue
		}
		b.Run(fmt.Sprint("indexes=", n), func(b *testing.B) {
			d := openT(b, b.TempDir(), Options{NoSync: true, Indexes: benchIndexes[:n]})
			i := 0
			for b.Loop() {
				if err := d.Put(fmt.Sprintf("k%08d", i), benchIndexDoc(i)); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkIndexMemory reports the heap one index takes per document,
// after 100,000 Puts, against a database with no index.
func BenchmarkIndexMemory(b *testing.B) {
	const docs = 100_000
	heap := func(n int) uint64 {
		d := openT(b, b.TempDir(), Options{NoSync: true, Indexes: benchIndexes[:n]})
		for i := range docs {
			if err := d.Put(fmt.Sprintf("k%08d", i), benchIndexDoc(i)); err != nil {
				b.Fatal(err)
			}
		}
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		runtime.KeepAlive(d)
		return m.HeapAlloc
	}
	for b.Loop() {
		base := heap(0)
		one := heap(1)
		b.ReportMetric(float64(base)/docs, "B/doc-noindex")
		b.ReportMetric((float64(one)-float64(base))/docs, "B/doc-index")
	}
}

// BenchmarkOpenIndexes is what an index costs Open: replaying 100,000
// documents with no index and with one (every document parsed).
func BenchmarkOpenIndexes(b *testing.B) {
	for _, n := range []int{0, 1} {
		b.Run(fmt.Sprint("indexes=", n), func(b *testing.B) {
			dir := b.TempDir()
			d, err := Open(dir, Options{NoSync: true})
			if err != nil {
				b.Fatal(err)
			}
			for i := range 100_000 {
				if err := d.Put(fmt.Sprintf("k%08d", i), benchIndexDoc(i)); err != nil {
					b.Fatal(err)
				}
			}
			d.Close()
			for b.Loop() {
				d, err := Open(dir, Options{NoSync: true, Indexes: benchIndexes[:n]})
				if err != nil {
					b.Fatal(err)
				}
				d.Close()
			}
		})
	}
}
