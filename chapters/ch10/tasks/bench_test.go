package main

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/db"
)

// BenchmarkCreate measures POST /tasks through a real client and server:
// with the database durable and with NoSync, from one client and from 8
// at once. Each op is one 201. Lesson 10.9 quotes a run.
func BenchmarkCreate(b *testing.B) {
	for _, noSync := range []bool{false, true} {
		for _, clients := range []int{1, 8} {
			name := fmt.Sprintf("nosync=%v/clients=%d", noSync, clients)
			b.Run(name, func(b *testing.B) {
				store, err := db.Open(b.TempDir(), db.Options{NoSync: noSync})
				if err != nil {
					b.Fatal(err)
				}
				defer store.Close()
				srv := httptest.NewServer(New(store, slog.New(slog.DiscardHandler)).Handler())
				defer srv.Close()
				client := srv.Client()
				client.Transport.(*http.Transport).MaxIdleConnsPerHost = clients
				b.ResetTimer()
				if clients == 1 {
					for b.Loop() {
						post(b, client, srv.URL)
					}
				} else {
					b.SetParallelism(max(1, clients/runtime.GOMAXPROCS(0))) // clients goroutines
					b.RunParallel(func(pb *testing.PB) {
						for pb.Next() {
							post(b, client, srv.URL)
						}
					})
				}
			})
		}
	}
}

func post(b *testing.B, client *http.Client, url string) {
	res, err := client.Post(url+"/tasks", "application/json", strings.NewReader(`{"title":"bench"}`))
	if err != nil {
		b.Error(err)
		return
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusCreated {
		b.Errorf("status %d", res.StatusCode)
	}
}
