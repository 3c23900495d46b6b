package metrics

import (
	"math"
	"strings"
	"testing"
)

// text returns what r writes.
func text(t *testing.T, r *Registry) string {
	t.Helper()
	var b strings.Builder
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestWriteTextGolden(t *testing.T) {
	tests := []struct {
		name  string
		setup func(r *Registry)
		want  string
	}{
		{"empty", func(r *Registry) {}, ""},
		{"counter", func(r *Registry) {
			c := r.Counter("jobs_total", "Jobs run.")
			c.Inc()
			c.Add(2.5)
		}, "# HELP jobs_total Jobs run.\n# TYPE jobs_total counter\njobs_total 3.5\n"},
		{"counter untouched", func(r *Registry) { r.Counter("a_total", "") },
			"# HELP a_total \n# TYPE a_total counter\na_total 0\n"},
		{"gauge values", func(r *Registry) {
			r.Gauge("g_big", "big").Set(1e6)
			r.Gauge("g_inf", "inf").Set(math.Inf(1))
			r.Gauge("g_minf", "minus inf").Set(math.Inf(-1))
			r.Gauge("g_nan", "nan").Set(math.NaN())
			r.Gauge("g_neg", "neg").Set(-0.25)
			r.Gauge("g_small", "small").Set(1.5e-7)
		}, "# HELP g_big big\n# TYPE g_big gauge\ng_big 1e+06\n" +
			"# HELP g_inf inf\n# TYPE g_inf gauge\ng_inf +Inf\n" +
			"# HELP g_minf minus inf\n# TYPE g_minf gauge\ng_minf -Inf\n" +
			"# HELP g_nan nan\n# TYPE g_nan gauge\ng_nan NaN\n" +
			"# HELP g_neg neg\n# TYPE g_neg gauge\ng_neg -0.25\n" +
			"# HELP g_small small\n# TYPE g_small gauge\ng_small 1.5e-07\n"},
		{"help escaping", func(r *Registry) {
			r.Gauge("g", "a \\ back\nslash \"quoted\"")
		}, "# HELP g a \\\\ back\\nslash \"quoted\"\n# TYPE g gauge\ng 0\n"},
		{"families sorted", func(r *Registry) {
			r.Gauge("zeta", "z")
			r.Counter("alpha_total", "a")
			r.GaugeFunc("mid", "m", func() float64 { return 42 })
		}, "# HELP alpha_total a\n# TYPE alpha_total counter\nalpha_total 0\n" +
			"# HELP mid m\n# TYPE mid gauge\nmid 42\n" +
			"# HELP zeta z\n# TYPE zeta gauge\nzeta 0\n"},
		{"vec sorted by values, escaped", func(r *Registry) {
			v := r.CounterVec("req_total", "Requests.", "method", "path")
			v.With("POST", "/b").Add(2)
			v.With("GET", "/z").Inc()
			v.With("GET", "/a").Inc()
			v.With("GET", "q\"uo\\te\nnl").Inc()
		}, "# HELP req_total Requests.\n# TYPE req_total counter\n" +
			"req_total{method=\"GET\",path=\"/a\"} 1\n" +
			"req_total{method=\"GET\",path=\"/z\"} 1\n" +
			"req_total{method=\"GET\",path=\"q\\\"uo\\\\te\\nnl\"} 1\n" +
			"req_total{method=\"POST\",path=\"/b\"} 2\n"},
		{"vec without series", func(r *Registry) { r.GaugeVec("temp", "T.", "room") },
			"# HELP temp T.\n# TYPE temp gauge\n"},
		{"histogram", func(r *Registry) {
			h := r.Histogram("lat_seconds", "Latency.", []float64{0.005, 0.5, 1, 2.5})
			for _, v := range []float64{0.001, 0.005, 0.3, 1, 7, math.Inf(1), math.NaN()} {
				h.Observe(v)
			}
		}, "# HELP lat_seconds Latency.\n# TYPE lat_seconds histogram\n" +
			"lat_seconds_bucket{le=\"0.005\"} 2\n" +
			"lat_seconds_bucket{le=\"0.5\"} 3\n" +
			"lat_seconds_bucket{le=\"1\"} 4\n" +
			"lat_seconds_bucket{le=\"2.5\"} 4\n" +
			"lat_seconds_bucket{le=\"+Inf\"} 6\n" +
			"lat_seconds_sum +Inf\n" +
			"lat_seconds_count 6\n"},
		{"histogram default buckets", func(r *Registry) {
			r.Histogram("d", "D.", nil).Observe(0.25)
		}, "# HELP d D.\n# TYPE d histogram\n" +
			"d_bucket{le=\"0.005\"} 0\nd_bucket{le=\"0.01\"} 0\nd_bucket{le=\"0.025\"} 0\n" +
			"d_bucket{le=\"0.05\"} 0\nd_bucket{le=\"0.1\"} 0\nd_bucket{le=\"0.25\"} 1\n" +
			"d_bucket{le=\"0.5\"} 1\nd_bucket{le=\"1\"} 1\nd_bucket{le=\"2.5\"} 1\n" +
			"d_bucket{le=\"5\"} 1\nd_bucket{le=\"10\"} 1\nd_bucket{le=\"+Inf\"} 1\n" +
			"d_sum 0.25\nd_count 1\n"},
		{"histogram vec, trailing +Inf bound", func(r *Registry) {
			v := r.HistogramVec("size_bytes", "Sizes.", []float64{100, 1e6, math.Inf(1)}, "route")
			v.With("/b").Observe(2e6)
			v.With("/a").Observe(50)
			v.With("/a").Observe(150)
		}, "# HELP size_bytes Sizes.\n# TYPE size_bytes histogram\n" +
			"size_bytes_bucket{route=\"/a\",le=\"100\"} 1\n" +
			"size_bytes_bucket{route=\"/a\",le=\"1e+06\"} 2\n" +
			"size_bytes_bucket{route=\"/a\",le=\"+Inf\"} 2\n" +
			"size_bytes_sum{route=\"/a\"} 200\n" +
			"size_bytes_count{route=\"/a\"} 2\n" +
			"size_bytes_bucket{route=\"/b\",le=\"100\"} 0\n" +
			"size_bytes_bucket{route=\"/b\",le=\"1e+06\"} 0\n" +
			"size_bytes_bucket{route=\"/b\",le=\"+Inf\"} 1\n" +
			"size_bytes_sum{route=\"/b\"} 2e+06\n" +
			"size_bytes_count{route=\"/b\"} 1\n"},
		{"invalid UTF-8 replaced", func(r *Registry) {
			r.GaugeVec("u", "bad \xff help", "v").With("a\xffb").Set(1)
		}, "# HELP u bad \uFFFD help\n# TYPE u gauge\nu{v=\"a\uFFFDb\"} 1\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewRegistry()
			tt.setup(r)
			if got := text(t, r); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestAppendFloat(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want string
	}{
		{0, "0"}, {1, "1"}, {-1, "-1"}, {0.005, "0.005"}, {2.5, "2.5"}, {10, "10"},
		{123456, "123456"}, {1234567, "1.234567e+06"}, {1e-5, "1e-05"}, {0.0001, "0.0001"},
		{math.Inf(1), "+Inf"}, {math.Inf(-1), "-Inf"}, {math.NaN(), "NaN"},
		{math.MaxFloat64, "1.7976931348623157e+308"},
	} {
		if got := string(appendFloat(nil, tt.v)); got != tt.want {
			t.Errorf("appendFloat(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestEscaping(t *testing.T) {
	for _, tt := range []struct{ in, label, help string }{
		{"plain", "plain", "plain"},
		{`a\b`, `a\\b`, `a\\b`},
		{`say "hi"`, `say \"hi\"`, `say "hi"`},
		{"two\nlines", `two\nlines`, `two\nlines`},
		{"tab\there", "tab\there", "tab\there"},
		{"ünïcødé ✓", "ünïcødé ✓", "ünïcødé ✓"},
		{"\\\"\n", `\\\"\n`, `\\"\n`},
	} {
		if got := string(appendLabelValue(nil, tt.in)); got != tt.label {
			t.Errorf("label value %q: got %q, want %q", tt.in, got, tt.label)
		}
		if got := string(appendHelp(nil, tt.in)); got != tt.help {
			t.Errorf("help %q: got %q, want %q", tt.in, got, tt.help)
		}
	}
}

// mustPanic calls f and returns its panic message, failing if it did not
// panic.
func mustPanic(t *testing.T, f func()) (msg string) {
	t.Helper()
	defer func() {
		r := recover()
		if r == nil {
			t.Fatal("no panic")
		}
		msg, _ = r.(string)
	}()
	f()
	return ""
}

func TestRegistrationPanics(t *testing.T) {
	tests := []struct {
		name string
		f    func(r *Registry)
		want string // in the message
	}{
		{"empty name", func(r *Registry) { r.Counter("", "") }, `invalid metric name ""`},
		{"digit first", func(r *Registry) { r.Gauge("1abc", "") }, `invalid metric name "1abc"`},
		{"dash", func(r *Registry) { r.Counter("a-b", "") }, `"a-b"`},
		{"unicode", func(r *Registry) { r.Counter("café", "") }, `"café"`},
		{"label invalid", func(r *Registry) { r.CounterVec("c_total", "", "a:b") }, `c_total: invalid label name "a:b"`},
		{"label digit first", func(r *Registry) { r.GaugeVec("g", "", "9x") }, `g: invalid label name "9x"`},
		{"label empty", func(r *Registry) { r.GaugeVec("g", "", "") }, `g: invalid label name ""`},
		{"label reserved", func(r *Registry) { r.CounterVec("c_total", "", "__name") }, `c_total: label "__name"`},
		{"label twice", func(r *Registry) { r.CounterVec("c_total", "", "a", "b", "a") }, `c_total: label "a" given twice`},
		{"le on histogram", func(r *Registry) { r.HistogramVec("h", "", nil, "le") }, `h: label "le" is reserved`},
		{"duplicate", func(r *Registry) { r.Counter("dup", ""); r.Gauge("dup", "") }, "dup: already registered"},
		{"histogram collides", func(r *Registry) { r.Counter("h_count", ""); r.Histogram("h", "", nil) }, "h: its samples named h_count collide with family h_count"},
		{"collides with histogram", func(r *Registry) { r.Histogram("h", "", nil); r.Gauge("h_sum", "") }, "h_sum: its samples named h_sum collide with family h"},
		{"buckets unsorted", func(r *Registry) { r.Histogram("h", "", []float64{1, 0.5}) }, "h: buckets must be strictly increasing"},
		{"buckets repeated", func(r *Registry) { r.Histogram("h", "", []float64{1, 1}) }, "h: buckets must be strictly increasing"},
		{"bucket NaN", func(r *Registry) { r.Histogram("h", "", []float64{math.NaN()}) }, "h: bucket 0 is NaN"},
		{"bucket -Inf", func(r *Registry) { r.Histogram("h", "", []float64{math.Inf(-1), 1}) }, "h: bucket 0 is -Inf"},
		{"reserved name", func(r *Registry) { r.Counter("velocy_metrics_overflow_total", "") }, "velocy_metrics_overflow_total: the name is reserved"},
		{"middleware twice", func(r *Registry) { Middleware(r); Middleware(r) }, "http_requests_total: already registered"},
		{"runtime twice", func(r *Registry) { r.RegisterRuntime(); r.RegisterRuntime() }, "go_info: already registered"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := mustPanic(t, func() { tt.f(NewRegistry()) })
			if !strings.Contains(msg, tt.want) {
				t.Errorf("panic %q, want it to contain %q", msg, tt.want)
			}
		})
	}
}

func TestValidNamesAccepted(t *testing.T) {
	r := NewRegistry()
	r.Counter("a", "")
	r.Counter("_x:y_total", "")
	r.Counter("A9:b_", "")
	r.GaugeVec("g", "", "_a", "B9", "l_e")
	r.CounterVec("le_ok_on_counter", "", "le") // only histograms reserve le
}

func TestWrongLabelCountPanics(t *testing.T) {
	v := NewRegistry().CounterVec("c_total", "", "a", "b")
	msg := mustPanic(t, func() { v.With("x") })
	if want := "c_total: With got 1 label values, want 2"; !strings.Contains(msg, want) {
		t.Errorf("panic %q, want %q", msg, want)
	}
}
