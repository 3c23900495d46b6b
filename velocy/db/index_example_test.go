package db_test

import (
	"fmt"
	"log"
	"os"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/db"
)

func ExampleDB_Find() {
	dir, _ := os.MkdirTemp("", "find")
	defer os.RemoveAll(dir)
	d, err := db.Open(dir, db.Options{Indexes: []db.Index{
		{Name: "by_due", Field: "due"},
		{Name: "by_email", Field: "owner.email", Unique: true},
	}})
	if err != nil {
		log.Fatal(err)
	}
	defer d.Close()
	d.Put("t1", []byte(`{"status":"open","due":20261205,"owner":{"email":"ann@x"}}`))
	d.Put("t2", []byte(`{"status":"done","due":20261202,"owner":{"email":"bob@x"}}`))
	d.Put("t3", []byte(`{"status":"open","due":20261210,"owner":{"email":"cy@x"}}`))
	d.Put("t4", []byte(`{"status":"open","due":20261130}`))

	q, err := db.ParseQuery(`status = "open" AND due >= 20261201 ORDER BY due DESC`)
	if err != nil {
		log.Fatal(err)
	}
	docs, err := d.Find(q)
	if err != nil {
		log.Fatal(err)
	}
	for _, doc := range docs {
		fmt.Println(doc.ID)
	}
	err = d.Put("t5", []byte(`{"owner":{"email":"ann@x"}}`))
	fmt.Println(err)
	// Output:
	// t3
	// t1
	// db: put "t5": unique index "by_email" already holds "ann@x" for id "t1": unique index violated
}

func ExampleDB_Explain() {
	dir, _ := os.MkdirTemp("", "explain")
	defer os.RemoveAll(dir)
	d, err := db.Open(dir, db.Options{NoSync: true, Indexes: []db.Index{
		{Name: "by_status", Field: "status"},
		{Name: "by_due", Field: "due"},
	}})
	if err != nil {
		log.Fatal(err)
	}
	defer d.Close()
	for i := range 100 {
		status := "done"
		if i%10 == 0 {
			status = "open"
		}
		d.Put(fmt.Sprint("t", i), fmt.Appendf(nil, `{"status":%q,"due":%d}`, status, 20261201+i))
	}
	q, _ := db.ParseQuery(`status = "open" AND due >= 20261250 ORDER BY due`)
	p, _ := d.Explain(q)
	fmt.Println(p)
	// Output:
	// index by_status on status
	//   index conditions: status = "open"
	//   residual filter:  due >= 20261250
	//   order:            sort by due asc
	//   estimated rows:   10 of 100
	//   why: the narrowest of 2 index ranges (by_status 10, by_due 51 entries)
}

func ExampleParseQuery() {
	_, err := db.ParseQuery(`age >= 18 AND name ^= 5`)
	fmt.Println(err)
	q, _ := db.ParseQuery(`age between 18 and 65 order by age desc limit 3`)
	fmt.Println(q)
	// Output:
	// db: query: column 23: expected a quoted string after ^=, found "5"
	// age BETWEEN 18 AND 65 ORDER BY age DESC LIMIT 3
}
