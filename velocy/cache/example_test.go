package cache_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/cache"
)

func Example() {
	c := cache.New(cache.Options[string, string]{MaxEntries: 2, TTL: time.Minute})
	c.Set("a", "apple")
	c.Set("b", "banana")
	c.Get("a")           // a is now the most recently used
	c.Set("c", "cherry") // so b, the least recently used, goes
	_, ok := c.Get("b")
	fmt.Println("b cached:", ok, "entries:", c.Len())
	// Output: b cached: false entries: 2
}

var errNotFound = errors.New("not found")

func ExampleCache_GetOrLoad() {
	users := cache.New(cache.Options[int, string]{MaxEntries: 1000, TTL: time.Minute})
	queries := 0
	load := func(ctx context.Context, id int) (string, error) {
		queries++ // a database query, in real life
		if id != 1 {
			// Remember the miss for a while: no query per request for a
			// user who does not exist.
			return "", cache.Negative(errNotFound, 10*time.Second)
		}
		return "ada", nil
	}
	ctx := context.Background()
	for range 3 {
		name, _ := users.GetOrLoad(ctx, 1, load)
		_, err := users.GetOrLoad(ctx, 2, load)
		fmt.Println(name, err)
	}
	fmt.Println("queries:", queries)
	// Output:
	// ada not found
	// ada not found
	// ada not found
	// queries: 2
}
