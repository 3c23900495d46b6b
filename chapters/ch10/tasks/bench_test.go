package main

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

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
				store, err := db.Open(b.TempDir(), db.Options{NoSync: noSync, Indexes: Indexes})
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

// BenchmarkList measures a page of GET /tasks over 10,000 tasks (a third
// of each status, due dates spread over a year), with the service's
// indexes and without any: without, DB.Find reads every task.
func BenchmarkList(b *testing.B) {
	const n = 10000
	for _, indexed := range []bool{true, false} {
		opts := db.Options{NoSync: true}
		if indexed {
			opts.Indexes = Indexes
		}
		store, err := db.Open(b.TempDir(), opts)
		if err != nil {
			b.Fatal(err)
		}
		app := New(store, slog.New(slog.DiscardHandler))
		day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		for i := range n {
			t := Task{ID: app.ids.Next(), Title: fmt.Sprintf("task %d", i), Status: statuses[i%3],
				Due: day.AddDate(0, 0, (i*7919)%365).Format(time.DateOnly), Rev: 1}
			doc, _ := json.Marshal(t)
			if err := store.Put(t.ID, doc); err != nil {
				b.Fatal(err)
			}
		}
		h := app.Handler()
		for _, query := range []string{"", "status=done", "sort=due", "due_before=2026-01-08"} {
			b.Run(fmt.Sprintf("indexes=%v/%s", indexed, query), func(b *testing.B) {
				for b.Loop() {
					w := httptest.NewRecorder()
					h.ServeHTTP(w, httptest.NewRequest("GET", "/tasks?"+query, nil))
					if w.Code != 200 {
						b.Fatalf("%d %s", w.Code, w.Body)
					}
				}
			})
		}
		store.Close()
	}
}
