package db_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/db"
)

// logBytes is the total size of the segments in dir.
func logBytes(dir string) int64 {
	paths, _ := filepath.Glob(filepath.Join(dir, "*.log"))
	var n int64
	for _, p := range paths {
		if info, err := os.Stat(p); err == nil {
			n += info.Size()
		}
	}
	return n
}

// 100,000 overwrites of 1,000 ids: the log holds 100 records per id, of
// which one is live, until Compact rewrites it.
func ExampleDB_Compact() {
	dir, err := os.MkdirTemp("", "velocy-db-compact")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	store, err := db.Open(dir, db.Options{NoSync: true, SegmentSize: 1 << 20})
	if err != nil {
		log.Fatal(err)
	}
	defer store.Close()
	pad := strings.Repeat("x", 180)
	for i := range 100_000 {
		doc := fmt.Sprintf(`{"n":%6d,"pad":%q}`, i, pad)
		if err := store.Put(fmt.Sprintf("user/%03d", i%1000), []byte(doc)); err != nil {
			log.Fatal(err)
		}
	}
	before := logBytes(dir)
	st, err := store.Compact(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("log: %d bytes before, %d after\n", before, logBytes(dir))
	fmt.Printf("%d segments (%d bytes) became one of %d bytes, %d records\n",
		st.Segments, st.BytesBefore, st.BytesAfter, st.Records)
	doc, _ := store.Get("user/999")
	fmt.Println(string(doc[:12]))
	// Output:
	// log: 22100000 bytes before, 221000 after
	// 21 segments (22016904 bytes) became one of 137904 bytes, 624 records
	// {"n": 99999,
}
