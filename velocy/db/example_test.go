package db_test

import (
	"errors"
	"fmt"
	"log"
	"os"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/db"
)

func Example() {
	dir, err := os.MkdirTemp("", "velocy-db-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	store, err := db.Open(dir, db.Options{})
	if err != nil {
		log.Fatal(err)
	}
	// Put returns once the document is on disk.
	store.Put("user/1", []byte(`{"name":"Ann","role":"admin"}`))
	store.Put("user/2", []byte(`{"name":"Bob","role":"dev"}`))
	store.Delete("user/2")
	store.Close()

	// Reopening replays the log.
	store, err = db.Open(dir, db.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer store.Close()
	doc, err := store.Get("user/1")
	fmt.Println(string(doc), err)
	_, err = store.Get("user/2")
	fmt.Println(errors.Is(err, db.ErrNotFound))
	fmt.Printf("%+v\n", store.Recovery())
	// Output:
	// {"name":"Ann","role":"admin"} <nil>
	// true
	// {Segments:1 Records:3 Truncated:0 Segment:}
}
