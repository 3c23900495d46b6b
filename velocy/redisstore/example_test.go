package redisstore_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/ratelimit"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/redisstore"
	"github.com/redis/go-redis/v9"
)

// The examples need a Redis server, so they are compiled but not run (they
// have no Output comment); the tests run the same code against a real one.

// A client for the request path: timeouts of the order of a request's
// budget, the request's deadline honoured, and no retries, so that a
// Redis that is down costs a request a fraction of a second, not seconds.
func newClient() *redis.Client {
	return redis.NewClient(&redis.Options{
		Addr:                  "127.0.0.1:6379",
		DialTimeout:           200 * time.Millisecond,
		ReadTimeout:           200 * time.Millisecond,
		WriteTimeout:          200 * time.Millisecond,
		ContextTimeoutEnabled: true,
		MaxRetries:            -1,
	})
}

func ExampleLimiter() {
	limiter := redisstore.NewLimiter(newClient(), "myapp:rate:")
	policy := ratelimit.Policy{Limit: 3, Period: time.Second}
	for range 4 {
		d, err := limiter.Allow(context.Background(), "client-42", policy)
		if err != nil {
			fmt.Println(err) // redisstore: limiter: dial tcp ...: connection refused
			return
		}
		fmt.Println(d.Allowed, d.Remaining, d.RetryAfter)
	}
	// With a server, a fresh key prints:
	// true 2 0s
	// true 1 0s
	// true 0 0s
	// false 0 333.332ms (less the time the first three took)
}

func ExampleSessions() {
	r := velocy.New()
	r.Use(middleware.Sessions(middleware.SessionOptions{
		Store: redisstore.NewSessions(newClient(), "myapp:session:"),
	}))
	r.Post("/login/{user}", func(w http.ResponseWriter, req *http.Request) {
		s := middleware.SessionFrom(req.Context())
		s.Renew()
		s.Set("user", req.PathValue("user"))
		w.WriteHeader(http.StatusNoContent)
	})
	// Every instance built this way knows every session.
	http.ListenAndServe("127.0.0.1:8080", r)
}

func ExampleStore() {
	store := redisstore.NewStore(newClient(), "myapp:state:")
	ctx := context.Background()
	// A counter of sign-ups per day, kept for a week after its first.
	key := "signups:" + time.Now().UTC().Format(time.DateOnly)
	n, err := store.Incr(ctx, key, 1, 7*24*time.Hour)
	if err != nil {
		slog.Error("count sign-up", "err", err)
		return
	}
	fmt.Println("sign-ups today: " + strconv.FormatInt(n, 10))
}
