package upload

import (
	"bytes"
	"math/rand/v2"
	"mime/multipart"
	"net/http/httptest"
	"os"
	"testing"
	"testing/synctest"
	"time"
)

func TestProgressReportsAtBoundedRate(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		interval := time.Duration(50+rand.IntN(500)) * time.Millisecond
		var calls []Progress
		pr := progress{hook: func(p Progress) { calls = append(calls, p) }, interval: interval}
		n := 2 + rand.IntN(100)
		for i := range n {
			pr.report(Progress{FileBytes: int64(i)})
		}
		if len(calls) != 1 || calls[0].FileBytes != 0 {
			t.Fatalf("%d reports at the same instant, interval %v: hook got %+v, want the first call only", n, interval, calls)
		}
		time.Sleep(interval - time.Millisecond)
		pr.report(Progress{FileBytes: 1000})
		if len(calls) != 1 {
			t.Fatalf("a report %v after the last call, interval %v: hook called, want it skipped", interval-time.Millisecond, interval)
		}
		pr.report(Progress{FileBytes: 2000, Done: true})
		if len(calls) != 2 || !calls[1].Done {
			t.Fatalf("a report with Done, right after a call: hook got %+v, want it called: the last report of a file always goes through", calls)
		}
		time.Sleep(interval)
		pr.report(Progress{FileBytes: 3000})
		if len(calls) != 3 || calls[2].FileBytes != 3000 {
			t.Fatalf("a report %v after the last call, interval %v: hook got %+v, want it called", interval, interval, calls)
		}
		(&progress{interval: interval}).report(Progress{Done: true}) // no hook: nothing to do, and no panic
	})
}

// progressSlowBody hands out its bytes 32 KiB at a time, each after 10ms.
type progressSlowBody struct{ r *bytes.Reader }

func (b *progressSlowBody) Read(p []byte) (int, error) {
	time.Sleep(10 * time.Millisecond)
	return b.r.Read(p[:min(len(p), 32<<10)])
}

func (b *progressSlowBody) Close() error { return nil }

func TestSaveReportsProgress(t *testing.T) {
	dir := t.TempDir()
	synctest.Test(t, func(t *testing.T) {
		root, err := os.OpenRoot(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer root.Close()
		sizes := []int{2<<20 + rand.IntN(1<<20), 1 + rand.IntN(1000)}
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		for i, size := range sizes {
			w, err := mw.CreateFormFile([]string{"video", "notes"}[i], []string{"v.txt", "n.txt"}[i])
			if err != nil {
				t.Fatal(err)
			}
			w.Write(bytes.Repeat([]byte("z"), size))
		}
		mw.Close()
		total := int64(buf.Len())
		req := httptest.NewRequest("POST", "/upload", nil)
		req.Body = &progressSlowBody{bytes.NewReader(buf.Bytes())}
		req.Header.Set("Content-Type", mw.FormDataContentType())
		opts := Options{}
		want := DefaultProgressInterval
		if rand.IntN(2) == 0 {
			want = time.Duration(50+rand.IntN(150)) * time.Millisecond
			opts.ProgressInterval = want
		}
		type call struct {
			p  Progress
			at time.Time
		}
		var calls []call
		opts.Progress = func(p Progress) { calls = append(calls, call{p, time.Now()}) }
		if _, err := Save(httptest.NewRecorder(), req, root, opts); err != nil {
			t.Fatalf("Save: %v", err)
		}
		var done []Progress
		var last time.Time
		var during, lastBytes int64
		for i, c := range calls {
			p := c.p
			if p.TotalBytes < p.FileBytes || p.TotalBytes > total {
				t.Errorf("call %d: %+v: TotalBytes is the bytes of the body read so far (%d in all), at least FileBytes", i, p, total)
			}
			if p.Done {
				done = append(done, p)
				lastBytes = 0
				continue
			}
			if !(p.Field == "video" && p.Filename == "v.txt") && !(p.Field == "notes" && p.Filename == "n.txt") {
				t.Errorf("call %d during the upload: %+v, want the Field and Filename of the file being received", i, p)
			}
			if during > 0 && c.at.Sub(last) < want {
				t.Errorf("calls %d and %d are %v apart, want at least ProgressInterval %v", i-1, i, c.at.Sub(last), want)
			}
			if p.FileBytes < lastBytes {
				t.Errorf("call %d: FileBytes went back from %d to %d", i, lastBytes, p.FileBytes)
			}
			last, lastBytes = c.at, p.FileBytes
			during++
		}
		if len(done) != 2 || done[0].FileBytes != int64(sizes[0]) || done[1].FileBytes != int64(sizes[1]) ||
			done[0].Field != "video" || done[1].Filename != "n.txt" {
			t.Errorf("Done calls %+v, want one per file, in order, with the whole FileBytes (%d, then %d), Field and Filename", done, sizes[0], sizes[1])
		}
		if during < 2 {
			t.Errorf("a %d-byte file read over %v: %d calls during it, want at least 2, at most one per %v",
				sizes[0], time.Duration(total/(32<<10))*10*time.Millisecond, during, want)
		}
	})
}
