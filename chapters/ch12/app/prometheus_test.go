package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// promDeadline bounds the whole wait for Prometheus: its start, its
// scrapes, the series it records. It is hang protection, not a
// measurement: a scrape every second normally records them in one or two.
const promDeadline = 60 * time.Second

// TestPrometheusScrapes runs the app, points a real Prometheus server
// (the binary named by LEARN_PROMETHEUS) at its admin /metrics every
// second, sends the app some requests, and asks Prometheus's HTTP API for
// what it recorded: http_requests_total by route template with the right
// labels, and up{job="app"} = 1. prometheus-test.sh installs Prometheus
// and runs this test; without the variable it is skipped.
func TestPrometheusScrapes(t *testing.T) {
	bin := os.Getenv("LEARN_PROMETHEUS")
	if bin == "" {
		t.Skip("LEARN_PROMETHEUS is not set: chapters/ch12/app/prometheus-test.sh runs this test against a real Prometheus")
	}
	deadline := time.Now().Add(promDeadline)
	r := startRun(t, "-dir", t.TempDir())
	prom := startPrometheus(t, bin, r.admin, deadline)

	// Some traffic: three notes, two reads of one, a read of a note that
	// does not exist, a list.
	var ids []string
	for i := range 3 {
		res, err := http.Post("http://"+r.public+"/notes", "application/json",
			strings.NewReader(fmt.Sprintf(`{"text":"note %d"}`, i)))
		if err != nil {
			t.Fatal(err)
		}
		var n Note
		json.NewDecoder(res.Body).Decode(&n)
		res.Body.Close()
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("POST /notes: %d", res.StatusCode)
		}
		ids = append(ids, n.ID)
	}
	for _, path := range []string{"/notes/" + ids[0], "/notes/" + ids[1], "/notes/ffffffffffffffff", "/notes"} {
		res, err := http.Get("http://" + r.public + path)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}

	// What Prometheus must have recorded, once a scrape after the traffic
	// has come in.
	admin := r.admin
	checks := []struct {
		query  string
		labels map[string]string // the series' labels, all of them
		value  string
	}{
		{`http_requests_total{job="app",route="/notes/{id}",code="2xx"}`,
			map[string]string{"__name__": "http_requests_total", "job": "app", "instance": admin,
				"method": "GET", "route": "/notes/{id}", "code": "2xx"}, "2"},
		{`http_requests_total{job="app",route="/notes/{id}",code="4xx"}`,
			map[string]string{"__name__": "http_requests_total", "job": "app", "instance": admin,
				"method": "GET", "route": "/notes/{id}", "code": "4xx"}, "1"},
		{`http_requests_total{job="app",route="/notes",method="POST"}`,
			map[string]string{"__name__": "http_requests_total", "job": "app", "instance": admin,
				"method": "POST", "route": "/notes", "code": "2xx"}, "3"},
		{`http_request_duration_seconds_count{job="app",route="/notes/{id}"}`,
			map[string]string{"__name__": "http_request_duration_seconds_count", "job": "app", "instance": admin,
				"method": "GET", "route": "/notes/{id}"}, "3"},
		{`app_notes_created_total{job="app"}`,
			map[string]string{"__name__": "app_notes_created_total", "job": "app", "instance": admin}, "3"},
		{`up{job="app"}`,
			map[string]string{"__name__": "up", "job": "app", "instance": admin}, "1"},
		// A histogram Prometheus can compute with: the median of the reads.
		{`histogram_quantile(0.5, sum by (le) (http_request_duration_seconds_bucket{job="app",route="/notes/{id}"})) > 0`,
			map[string]string{}, ""},
	}
	start := time.Now()
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for i, c := range checks {
		var last string
		for {
			got, err := prom.query(c.query)
			if err == nil {
				last = fmt.Sprint(got)
				if len(got) == 1 && sameLabels(got[0].Metric, c.labels) && (c.value == "" || got[0].value() == c.value) {
					break
				}
			} else {
				last = err.Error()
			}
			if time.Now().After(deadline) {
				t.Fatalf("Prometheus did not record %s = %q with labels %v within %v; its last answer: %s\n"+
					"its targets (see lastError):\n%s\nthe app's /metrics:\n%s\nPrometheus's output:\n%s",
					c.query, c.value, c.labels, promDeadline, last, prom.get("/api/v1/targets"), scrape(admin), prom.out)
			}
			<-tick.C
		}
		if i == 0 {
			t.Logf("Prometheus recorded the first series %.1f s after the traffic", time.Since(start).Seconds())
		}
	}

	// No series was made from a raw path: the ids are nowhere in a label.
	got, err := prom.query(`{job="app",route=~".*[0-9a-f]{16}.*"}`)
	if err != nil || len(got) != 0 {
		t.Errorf("series with a raw path as their route: %v %v", got, err)
	}
	t.Logf("every query answered as expected (%d checks)", len(checks)+1)
}

// sameLabels reports whether got has exactly the labels want.
func sameLabels(got, want map[string]string) bool {
	if len(got) != len(want) {
		return false
	}
	for k, v := range want {
		if got[k] != v {
			return false
		}
	}
	return true
}

// scrape returns the app's /metrics page, for a failure's message.
func scrape(admin string) string {
	res, err := http.Get("http://" + admin + "/metrics")
	if err != nil {
		return err.Error()
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

// prometheus is a Prometheus server started by startPrometheus.
type prometheus struct {
	url string      // http://127.0.0.1:port
	out *syncBuffer // its standard output and error
}

// startPrometheus starts bin on a free loopback port with a temporary
// database, scraping the app's admin address every second, and returns
// once it is ready. The test's end stops it (SIGTERM, then SIGKILL after
// 10 s) and waits for it.
func startPrometheus(t *testing.T, bin, admin string, deadline time.Time) *prometheus {
	t.Helper()
	dir := t.TempDir()
	config := filepath.Join(dir, "prometheus.yml")
	err := os.WriteFile(config, fmt.Appendf(nil, `global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: app
    metrics_path: /metrics
    static_configs:
      - targets: [%q]
`, admin), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	// The port is free when we look; another process may take it before
	// Prometheus binds it, and then Prometheus exits: try another.
	for attempt := 1; ; attempt++ {
		port := freePort(t)
		p := &prometheus{url: "http://127.0.0.1:" + port, out: &syncBuffer{}}
		cmd := exec.Command(bin,
			"--config.file="+config,
			"--storage.tsdb.path="+filepath.Join(dir, fmt.Sprint("data", attempt)),
			"--web.listen-address=127.0.0.1:"+port,
			"--log.level=warn")
		cmd.Stdout, cmd.Stderr = p.out, p.out
		dieWithParent(cmd)
		if err := cmd.Start(); err != nil {
			t.Fatalf("starting %s: %v", bin, err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		t.Cleanup(func() {
			cmd.Process.Signal(os.Interrupt)
			select {
			case <-exited:
			case <-time.After(10 * time.Second):
				cmd.Process.Kill()
				<-exited
			}
		})
		if p.ready(exited, deadline) {
			return p
		}
		if attempt == 3 || time.Now().After(deadline) {
			t.Fatalf("Prometheus on 127.0.0.1:%s did not become ready; its output:\n%s", port, p.out)
		}
	}
}

// ready waits until Prometheus answers /-/ready with 200, and reports
// false if it exits first or the deadline comes.
func (p *prometheus) ready(exited <-chan error, deadline time.Time) bool {
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for time.Now().Before(deadline) {
		res, err := http.Get(p.url + "/-/ready")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return true
			}
		}
		select {
		case <-exited:
			return false
		case <-tick.C:
		}
	}
	return false
}

// get returns the body of a GET of path, or the error, for a failure's
// message.
func (p *prometheus) get(path string) string {
	res, err := http.Get(p.url + path)
	if err != nil {
		return err.Error()
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

// series is one element of an instant query's result vector.
type series struct {
	Metric map[string]string `json:"metric"`
	Value  [2]any            `json:"value"` // [unix time, "value"]
}

func (s series) value() string {
	v, _ := s.Value[1].(string)
	return v
}

func (s series) String() string { return fmt.Sprintf("%v = %s", s.Metric, s.value()) }

// query runs an instant PromQL query through the HTTP API.
func (p *prometheus) query(q string) ([]series, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", p.url+"/api/v1/query?"+url.Values{"query": {q}}.Encode(), nil)
	if err != nil {
		return nil, err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	var body struct {
		Status string `json:"status"`
		Error  string `json:"error"`
		Data   struct {
			ResultType string   `json:"resultType"`
			Result     []series `json:"result"`
		} `json:"data"`
	}
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil {
		return nil, fmt.Errorf("query %s: %d: %v", q, res.StatusCode, err)
	}
	if body.Status != "success" || body.Data.ResultType != "vector" {
		return nil, fmt.Errorf("query %s: %d %s %s (result type %q)", q, res.StatusCode, body.Status, body.Error, body.Data.ResultType)
	}
	return body.Data.Result, nil
}

// freePort returns a loopback TCP port that was free a moment ago.
func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}
