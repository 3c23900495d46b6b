package db

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
)

// benchDoc is a small document, the size of a typical user record.
var benchDoc = []byte(`{"name":"Ann Example","email":"ann@example.com","role":"admin","age":42}`)

// BenchmarkPutDurable is one writer, each Put waiting for its own sync:
// the rate is the disk's sync rate.
func BenchmarkPutDurable(b *testing.B) {
	db := openT(b, b.TempDir(), Options{})
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := db.Put(fmt.Sprint("user/", i%1000), benchDoc); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "puts/s")
}

// BenchmarkPutDurable8Writers is eight goroutines putting at once: group
// commit lets them share syncs, so puts/s should be several times the
// single writer's.
func BenchmarkPutDurable8Writers(b *testing.B) {
	db := openT(b, b.TempDir(), Options{})
	b.ReportAllocs()
	var next atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	for w := range 8 {
		wg.Go(func() {
			for {
				i := next.Add(1)
				if i > int64(b.N) {
					return
				}
				if err := db.Put(fmt.Sprint("user/", w, "/", i%1000), benchDoc); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "puts/s")
}

// BenchmarkPutNoSync is the cost of the write path without the disk.
func BenchmarkPutNoSync(b *testing.B) {
	db := openT(b, b.TempDir(), Options{NoSync: true})
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := db.Put(fmt.Sprint("user/", i%1000), benchDoc); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkGet is a point read by id with a reused buffer: index lookup,
// one ReadAt (from the page cache) and the CRC check.
func BenchmarkGet(b *testing.B) {
	db := openT(b, b.TempDir(), Options{NoSync: true})
	ids := make([]string, 1000)
	for i := range ids {
		ids[i] = fmt.Sprint("user/", i)
		if err := db.Put(ids[i], benchDoc); err != nil {
			b.Fatal(err)
		}
	}
	buf := make([]byte, 0, 256)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		var err error
		if buf, err = db.AppendGet(buf[:0], ids[i%len(ids)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkGetParallel is point reads from every core at once.
func BenchmarkGetParallel(b *testing.B) {
	db := openT(b, b.TempDir(), Options{NoSync: true})
	ids := make([]string, 1000)
	for i := range ids {
		ids[i] = fmt.Sprint("user/", i)
		if err := db.Put(ids[i], benchDoc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	var start atomic.Int64
	b.RunParallel(func(pb *testing.PB) {
		buf := make([]byte, 0, 256)
		i := int(start.Add(397)) // each goroutine on ids of its own
		for pb.Next() {
			var err error
			if buf, err = db.AppendGet(buf[:0], ids[i%len(ids)]); err != nil {
				b.Error(err)
				return
			}
			i++
		}
	})
}
