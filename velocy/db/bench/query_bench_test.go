package bench

// An indexed range query: 10,000 documents with a numeric field "score"
// (each value 0..9999 once, in random order of ids), and a query for the
// 100 documents with score in [x, x+99] for a random x, returning each
// document's id and JSON in id order. velocy/db answers it with a
// secondary index (velocy-index) and, for comparison, from a database
// holding the same documents with no index (velocy-scan: Find reads every
// document); SQLite with an index on a score column (sqlite-index). The ids both return are checked
// equal, outside the timed loop, before the numbers count.

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/db"
)

const rangeDocs, rangeRows = 10_000, 100

// rangeDoc is document i: about 100 bytes, score a permutation of 0..9999.
func rangeDoc(i, score int) []byte {
	return fmt.Appendf(nil, `{"name":"Ann Example","email":"ann%05d@example.com","role":"admin","score":%d}`, i, score)
}

type rangeStore interface {
	// query returns the ids and documents with lo <= score <= hi, in id order.
	query(lo, hi int) ([]string, int, error)
}

type velocyRange struct {
	d     *db.DB
	field string
}

func (v velocyRange) query(lo, hi int) ([]string, int, error) {
	docs, err := v.d.Find(db.Query{Where: []db.Cond{{Field: v.field, Op: db.Between, Value: lo, Value2: hi}}})
	ids, n := make([]string, len(docs)), 0
	for i, d := range docs {
		ids[i] = d.ID
		n += len(d.JSON)
	}
	return ids, n, err
}

type sqliteRange struct{ stmt *sql.Stmt }

func (s sqliteRange) query(lo, hi int) ([]string, int, error) {
	rows, err := s.stmt.Query(lo, hi)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var ids []string
	n := 0
	for rows.Next() {
		var id string
		var doc []byte
		if err := rows.Scan(&id, &doc); err != nil {
			return nil, 0, err
		}
		ids = append(ids, id)
		n += len(doc)
	}
	return ids, n, rows.Err()
}

func BenchmarkRangeQuery(b *testing.B) {
	scores := rand.New(rand.NewPCG(1, 2)).Perm(rangeDocs)
	dir := b.TempDir()
	vdb, err := db.Open(filepath.Join(dir, "velocy"), db.Options{NoSync: true, Indexes: []db.Index{{Name: "by_score", Field: "score"}}})
	if err != nil {
		b.Fatal(err)
	}
	defer vdb.Close()
	// The same documents with no index: Find falls back to a full scan.
	scan, err := db.Open(filepath.Join(dir, "velocy-noindex"), db.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer scan.Close()
	sdb, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "sqlite.db")+"?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)")
	if err != nil {
		b.Fatal(err)
	}
	defer sdb.Close()
	sdb.SetMaxOpenConns(1)
	for _, q := range []string{
		`CREATE TABLE docs (id TEXT PRIMARY KEY, score REAL, doc TEXT)`,
		`CREATE INDEX docs_score ON docs (score)`,
	} {
		if _, err := sdb.Exec(q); err != nil {
			b.Fatal(err)
		}
	}
	tx, err := sdb.Begin()
	if err != nil {
		b.Fatal(err)
	}
	for i, score := range scores {
		doc := rangeDoc(i, score)
		if err := vdb.Put(id(i), doc); err != nil {
			b.Fatal(err)
		}
		if err := scan.Put(id(i), doc); err != nil {
			b.Fatal(err)
		}
		if _, err := tx.Exec(`INSERT INTO docs VALUES (?, ?, ?)`, id(i), score, string(doc)); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	stmt, err := sdb.Prepare(`SELECT id, doc FROM docs WHERE score BETWEEN ? AND ? ORDER BY id`)
	if err != nil {
		b.Fatal(err)
	}
	defer stmt.Close()
	stores := []struct {
		name string
		s    rangeStore
	}{
		{"velocy-index", velocyRange{vdb, "score"}},
		{"velocy-scan", velocyRange{scan, "score"}},
		{"sqlite-index", sqliteRange{stmt}},
	}
	for lo := 0; lo < rangeDocs; lo += 2_500 {
		var first []string
		for _, st := range stores {
			ids, _, err := st.s.query(lo, lo+rangeRows-1)
			if err != nil {
				b.Fatal(err)
			}
			if len(ids) != rangeRows || first != nil && !slices.Equal(ids, first) {
				b.Fatalf("%s: score in [%d, %d]: %d ids, differing from the first store's", st.name, lo, lo+rangeRows-1, len(ids))
			}
			first = ids
		}
	}
	if p, _ := vdb.Explain(db.Query{Where: []db.Cond{{Field: "score", Op: db.Between, Value: 0, Value2: 99}}}); p.Index != "by_score" {
		b.Fatalf("velocy/db does not use its index:\n%s", p)
	}
	for _, st := range stores {
		b.Run(st.name, func(b *testing.B) {
			rng := rand.New(rand.NewPCG(3, 4))
			for b.Loop() {
				lo := rng.IntN(rangeDocs - rangeRows + 1)
				if ids, _, err := st.s.query(lo, lo+rangeRows-1); err != nil || len(ids) != rangeRows {
					b.Fatalf("%s: %d ids, %v", st.name, len(ids), err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "queries/s")
		})
	}
}
