package bench

// velocy/db against bbolt and SQLite (modernc.org/sqlite, pure Go), each in
// a directory of its own under b.TempDir(), so all on the same filesystem
// and disk. Every contender's writes are read back once, after the timed
// loop, before its numbers count.
//
// query_bench_test.go compares an indexed range query with SQLite.

import (
	"bytes"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/db"
	bolt "go.etcd.io/bbolt"
	_ "modernc.org/sqlite"
)

// doc is the document every contender stores: 100 bytes of JSON.
var doc = []byte(`{"name":"Ann Example","email":"ann@example.com","role":"admin","age":42,"tags":["a","b","c","defg"]}`)

func init() {
	if len(doc) != 100 {
		panic(fmt.Sprint("doc is ", len(doc), " bytes, not 100"))
	}
}

func id(i int) string { return fmt.Sprintf("k%08d", i) }

// store is one contender: a durable single-record commit and a point read
// that copies the document into dst.
type store interface {
	put(id string, doc []byte) error
	get(dst []byte, id string) ([]byte, error)
	close() error
}

// velocyStore is velocy/db with default options: every Put is synced
// before it returns, and concurrent Puts share syncs (group commit).
type velocyStore struct{ d *db.DB }

func openVelocy(b *testing.B, dir string) *velocyStore {
	d, err := db.Open(dir, db.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return &velocyStore{d}
}

func (s *velocyStore) put(id string, doc []byte) error { return s.d.Put(id, doc) }
func (s *velocyStore) get(dst []byte, id string) ([]byte, error) {
	return s.d.AppendGet(dst, id)
}
func (s *velocyStore) close() error { return s.d.Close() }

// boltStore is bbolt with default options (fsync on every commit): one
// db.Update with one Put per commit, and a View that copies the value out,
// since bbolt's slice is valid only inside the transaction.
type boltStore struct{ d *bolt.DB }

var bucket = []byte("docs")

func openBolt(b *testing.B, dir string) *boltStore {
	d, err := bolt.Open(filepath.Join(dir, "bolt.db"), 0o600, nil)
	if err != nil {
		b.Fatal(err)
	}
	if err := d.Update(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(bucket)
		return err
	}); err != nil {
		b.Fatal(err)
	}
	return &boltStore{d}
}

func (s *boltStore) put(id string, doc []byte) error {
	return s.d.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucket).Put([]byte(id), doc) })
}

func (s *boltStore) get(dst []byte, id string) ([]byte, error) {
	err := s.d.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucket).Get([]byte(id))
		if v == nil {
			return fmt.Errorf("bbolt: %s not found", id)
		}
		dst = append(dst, v...)
		return nil
	})
	return dst, err
}

func (s *boltStore) close() error { return s.d.Close() }

// sqliteStore is SQLite in WAL mode with synchronous=FULL (every commit
// synced), one INSERT OR REPLACE per transaction (autocommit), and a
// prepared SELECT by primary key. The pragmas are in the DSN so that they
// hold on every connection of the pool. The pool has one connection:
// SQLite lets one writer in at a time, and with several connections
// concurrent writers collide on SQLITE_BUSY and sleep in the busy handler;
// queueing in database/sql instead is SQLite's faster setup here.
type sqliteStore struct {
	d   *sql.DB
	ins *sql.Stmt
	sel *sql.Stmt
}

func openSQLite(b *testing.B, dir string) *sqliteStore {
	dsn := "file:" + filepath.Join(dir, "sqlite.db") +
		"?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(10000)"
	d, err := sql.Open("sqlite", dsn)
	if err != nil {
		b.Fatal(err)
	}
	d.SetMaxOpenConns(1)
	if _, err := d.Exec(`CREATE TABLE IF NOT EXISTS docs (id TEXT PRIMARY KEY, doc TEXT)`); err != nil {
		b.Fatal(err)
	}
	var mode string
	var syncMode int
	if err := d.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
		b.Fatal(err)
	}
	if err := d.QueryRow(`PRAGMA synchronous`).Scan(&syncMode); err != nil {
		b.Fatal(err)
	}
	if mode != "wal" || syncMode != 2 {
		b.Fatalf("sqlite: journal_mode %q synchronous %d, want wal and 2 (FULL)", mode, syncMode)
	}
	s := &sqliteStore{d: d}
	if s.ins, err = d.Prepare(`INSERT OR REPLACE INTO docs (id, doc) VALUES (?, ?)`); err != nil {
		b.Fatal(err)
	}
	if s.sel, err = d.Prepare(`SELECT doc FROM docs WHERE id = ?`); err != nil {
		b.Fatal(err)
	}
	return s
}

func (s *sqliteStore) put(id string, doc []byte) error {
	_, err := s.ins.Exec(id, string(doc))
	return err
}

func (s *sqliteStore) get(dst []byte, id string) ([]byte, error) {
	var v sql.RawBytes
	rows, err := s.sel.Query(id)
	if err != nil {
		return dst, err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return dst, err
		}
		return dst, fmt.Errorf("sqlite: %s not found", id)
	}
	if err := rows.Scan(&v); err != nil {
		return dst, err
	}
	return append(dst, v...), rows.Close()
}

func (s *sqliteStore) close() error {
	s.ins.Close()
	s.sel.Close()
	return s.d.Close()
}

// contenders opens each store in a fresh directory.
var contenders = []struct {
	name string
	open func(b *testing.B, dir string) store
}{
	{"velocy", func(b *testing.B, dir string) store { return openVelocy(b, dir) }},
	{"bbolt", func(b *testing.B, dir string) store { return openBolt(b, dir) }},
	{"sqlite", func(b *testing.B, dir string) store { return openSQLite(b, dir) }},
}

// check reads ids back and fails unless each holds doc.
func check(b *testing.B, s store, ids []string) {
	b.Helper()
	var buf []byte
	for _, id := range ids {
		var err error
		if buf, err = s.get(buf[:0], id); err != nil {
			b.Fatalf("read back %s: %v", id, err)
		}
		if !bytes.Equal(buf, doc) {
			b.Fatalf("read back %s: %q, want %q", id, buf, doc)
		}
	}
}

func closeB(b *testing.B, s store) {
	if err := s.close(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkCommit is one writer, each record durable before the next:
// the rate of synced commits the disk allows each design.
func BenchmarkCommit(b *testing.B) {
	for _, c := range contenders {
		b.Run(c.name, func(b *testing.B) {
			s := c.open(b, b.TempDir())
			defer closeB(b, s)
			n := 0
			for b.Loop() {
				if err := s.put(id(n), doc); err != nil {
					b.Fatal(err)
				}
				n++
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "ops/s")
			check(b, s, []string{id(0), id(n / 2), id(n - 1)})
		})
	}
}

// BenchmarkCommitPaired measures velocy/db against bbolt side by side, so
// that both see the same disk at the same moment: each op times a block of
// bbolt Updates and then a block of velocy Puts, and the benchmark reports
// the median over the ops of (bbolt block time / velocy block time) as
// x-bbolt (above 1, velocy commits more per second) with each side's
// median commits per second.
func BenchmarkCommitPaired(b *testing.B) {
	const block = 16
	v, bb := openVelocy(b, b.TempDir()), openBolt(b, b.TempDir())
	defer closeB(b, v)
	defer closeB(b, bb)
	var ratios, vRate, bRate []float64
	n := 0
	for b.Loop() {
		t0 := time.Now()
		for i := range block {
			if err := bb.put(id(n+i), doc); err != nil {
				b.Fatal(err)
			}
		}
		t1 := time.Now()
		for i := range block {
			if err := v.put(id(n+i), doc); err != nil {
				b.Fatal(err)
			}
		}
		t2 := time.Now()
		n += block
		ratios = append(ratios, float64(t1.Sub(t0))/float64(t2.Sub(t1)))
		bRate = append(bRate, block/t1.Sub(t0).Seconds())
		vRate = append(vRate, block/t2.Sub(t1).Seconds())
	}
	b.ReportMetric(median(ratios), "x-bbolt")
	b.ReportMetric(median(vRate), "velocy-ops/s")
	b.ReportMetric(median(bRate), "bbolt-ops/s")
	check(b, v, []string{id(0), id(n - 1)})
	check(b, bb, []string{id(0), id(n - 1)})
}

// BenchmarkCommit8Writers is eight goroutines committing at once (on this
// 2-core machine, more goroutines than cores), each record durable before
// its writer goes on. velocy/db shares syncs between the writers waiting
// (group commit); bbolt's Update and SQLite commit one at a time. bbolt's
// own way to share commits, db.Batch, is a different API (it may run a
// function twice and waits up to 10ms for company) and is not the
// Update measured here.
func BenchmarkCommit8Writers(b *testing.B) {
	const writers = 8
	for _, c := range contenders {
		b.Run(c.name, func(b *testing.B) {
			s := c.open(b, b.TempDir())
			defer closeB(b, s)
			var next atomic.Int64
			var wg sync.WaitGroup
			b.ResetTimer()
			for range writers {
				wg.Go(func() {
					for {
						i := next.Add(1) - 1
						if i >= int64(b.N) {
							return
						}
						if err := s.put(id(int(i)), doc); err != nil {
							b.Error(err)
							return
						}
					}
				})
			}
			wg.Wait()
			b.StopTimer()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ops/s")
			check(b, s, []string{id(0), id(b.N / 2), id(b.N - 1)})
		})
	}
}

// BenchmarkCommit8WritersPaired measures what group commit buys velocy/db
// on this disk, both sides at the same moment: each op times a block of
// commits by one writer, then a block eight times as large by eight
// writers at once, and the benchmark reports the median over the ops of
// (8-writer rate / 1-writer rate) as x-1writer.
func BenchmarkCommit8WritersPaired(b *testing.B) {
	const writers, block = 8, 64
	v := openVelocy(b, b.TempDir())
	defer closeB(b, v)
	var ratios []float64
	n := 0
	for b.Loop() {
		t0 := time.Now()
		for i := range block {
			if err := v.put(id(n+i), doc); err != nil {
				b.Fatal(err)
			}
		}
		t1 := time.Now()
		n += block
		var wg sync.WaitGroup
		for w := range writers {
			wg.Go(func() {
				for i := range block {
					if err := v.put(id(n+w*block+i), doc); err != nil {
						b.Error(err)
						return
					}
				}
			})
		}
		wg.Wait()
		t2 := time.Now()
		n += writers * block
		one := block / t1.Sub(t0).Seconds()
		eight := writers * block / t2.Sub(t1).Seconds()
		ratios = append(ratios, eight/one)
	}
	b.ReportMetric(median(ratios), "x-1writer")
	check(b, v, []string{id(0), id(n - 1)})
}

// readKeys is how many documents the read benchmarks find their ids among.
const readKeys = 10_000

// BenchmarkGet is a point read by id of a random existing key among
// 10,000, copied into a reused buffer. Each store is loaded once for all
// sub-benchmarks: velocy/db with NoSync and then reopened durable (reads
// do not depend on it), bbolt and SQLite in one transaction each.
func BenchmarkGet(b *testing.B) {
	stores := loadReadStores(b)
	order := readOrder()
	for _, c := range contenders {
		b.Run(c.name, func(b *testing.B) {
			s := stores[c.name]
			buf := make([]byte, 0, 256)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				var err error
				if buf, err = s.get(buf[:0], order[i%len(order)]); err != nil {
					b.Fatal(err)
				}
				i++
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ops/s")
		})
	}
	// BenchmarkGet's paired form: a block of bbolt reads then the same
	// block of velocy reads, median of (velocy time / bbolt time) as
	// x-of-bbolt (below 1, velocy reads faster).
	b.Run("paired", func(b *testing.B) {
		const block = 1024
		v, bb := stores["velocy"], stores["bbolt"]
		buf := make([]byte, 0, 256)
		var ratios []float64
		i := 0
		for b.Loop() {
			t0 := time.Now()
			for j := range block {
				var err error
				if buf, err = bb.get(buf[:0], order[(i+j)%len(order)]); err != nil {
					b.Fatal(err)
				}
			}
			t1 := time.Now()
			for j := range block {
				var err error
				if buf, err = v.get(buf[:0], order[(i+j)%len(order)]); err != nil {
					b.Fatal(err)
				}
			}
			t2 := time.Now()
			i += block
			ratios = append(ratios, float64(t2.Sub(t1))/float64(t1.Sub(t0)))
		}
		b.ReportMetric(median(ratios), "x-of-bbolt")
	})
}

// readOrder is a fixed pseudo-random sequence of existing ids.
func readOrder() []string {
	r := rand.New(rand.NewPCG(1, 2))
	order := make([]string, 1<<16)
	for i := range order {
		order[i] = id(r.IntN(readKeys))
	}
	return order
}

func loadReadStores(b *testing.B) map[string]store {
	ids := make([]string, readKeys)
	for i := range ids {
		ids[i] = id(i)
	}
	stores := map[string]store{}

	vdir := b.TempDir()
	vl, err := db.Open(vdir, db.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	for _, id := range ids {
		if err := vl.Put(id, doc); err != nil {
			b.Fatal(err)
		}
	}
	if err := vl.Close(); err != nil {
		b.Fatal(err)
	}
	stores["velocy"] = openVelocy(b, vdir)

	bb := openBolt(b, b.TempDir())
	if err := bb.d.Update(func(tx *bolt.Tx) error {
		bk := tx.Bucket(bucket)
		for _, id := range ids {
			if err := bk.Put([]byte(id), doc); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	stores["bbolt"] = bb

	sq := openSQLite(b, b.TempDir())
	tx, err := sq.d.Begin()
	if err != nil {
		b.Fatal(err)
	}
	ins := tx.Stmt(sq.ins)
	for _, id := range ids {
		if _, err := ins.Exec(id, string(doc)); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	stores["sqlite"] = sq

	for name, s := range stores {
		check(b, s, ids)
		b.Cleanup(func() {
			if err := s.close(); err != nil {
				b.Errorf("%s: close: %v", name, err)
			}
		})
	}
	return stores
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}
