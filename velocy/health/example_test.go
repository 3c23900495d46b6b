package health_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/health"
)

func Example() {
	h := health.New()
	dbUp := true
	h.AddCheck("database", time.Second, func(ctx context.Context) error {
		if !dbUp {
			return errors.New("connection refused")
		}
		return nil
	})
	ready := h.Ready()
	get := func() {
		rec := httptest.NewRecorder()
		ready.ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
		fmt.Print(rec.Code, " ", rec.Body)
	}

	get()
	dbUp = false
	get()
	dbUp = true
	h.SetDraining() // the graceful shutdown has begun
	get()
	// Output:
	// 200 {"status":"ok","checks":{"database":{"status":"ok"}}}
	// 503 {"status":"fail","checks":{"database":{"status":"fail","error":"failed"}}}
	// 503 {"status":"draining"}
}
