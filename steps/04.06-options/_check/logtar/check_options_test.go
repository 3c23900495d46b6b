package logtar

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
)

// The With methods this step adds do not exist before it, so this check
// calls them by name, through reflection: a missing one is a failure that
// names it, not a build error.

// optionsStepWith returns c.<method>(arg).
func optionsStepWith(t *testing.T, c Config, method string, arg any) Config {
	t.Helper()
	m := reflect.ValueOf(c).MethodByName(method)
	if !m.IsValid() {
		t.Fatalf("Config has no method %s: add it to config.go", method)
	}
	if m.Type().NumIn() != 1 || m.Type().In(0) != reflect.TypeOf(arg) || m.Type().NumOut() != 1 || m.Type().Out(0) != reflect.TypeOf(c) {
		t.Fatalf("Config.%s is a %s, want func(%T) Config", method, m.Type(), arg)
	}
	return m.Call([]reflect.Value{reflect.ValueOf(arg)})[0].Interface().(Config)
}

// optionsStepJSON returns the settings MarshalJSON writes for c.
func optionsStepJSON(t *testing.T, c Config) map[string]any {
	t.Helper()
	data, err := json.Marshal(c)
	if err != nil {
		t.Fatalf("MarshalJSON = %v", err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// optionsStepValue returns what an unexported field holds: its number,
// text or truth, or for a func whether it is set.
func optionsStepValue(v reflect.Value) any {
	switch v.Kind() {
	case reflect.String:
		return v.String()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return v.Uint()
	case reflect.Bool:
		return v.Bool()
	case reflect.Func:
		return !v.IsNil()
	}
	return "a " + v.Kind().String()
}

func TestOptionsDefaults(t *testing.T) {
	got := optionsStepJSON(t, NewConfig())
	want := map[string]any{"active_file": "", "max_backups": 0.0, "max_age": "0s", "compress": false,
		"local_time": false, "file_mode": "0644", "drop_when_full": false}
	for key, w := range want {
		if g, ok := got[key]; !ok || g != w {
			t.Errorf("MarshalJSON(NewConfig()) has %q: %v (present: %v), want %v", key, g, ok, w)
		}
	}
}

func TestOptionsBuilderAndJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	for range 10 {
		active := fmt.Sprintf("app%d.log", rng.IntN(100))
		backups := rng.IntN(100)
		age := time.Duration(1+rng.IntN(2000)) * time.Hour
		compress, local, drop := rng.IntN(2) == 0, rng.IntN(2) == 0, rng.IntN(2) == 0
		mode := fs.FileMode(0o600 | rng.IntN(0o100)) // owner rw, anything for group and others
		c := NewConfig().WithAsync(true)
		c = optionsStepWith(t, c, "WithActiveFile", active)
		c = optionsStepWith(t, c, "WithMaxBackups", backups)
		c = optionsStepWith(t, c, "WithMaxAge", age)
		c = optionsStepWith(t, c, "WithCompress", compress)
		c = optionsStepWith(t, c, "WithLocalTime", local)
		c = optionsStepWith(t, c, "WithFileMode", mode)
		c = optionsStepWith(t, c, "WithDropWhenFull", drop)
		c = optionsStepWith(t, c, "WithErrorHandler", func(error) {})
		if err := c.Validate(); err != nil {
			t.Fatalf("Validate() of a config with valid new settings = %v, want nil", err)
		}
		// The steps that give the options their behaviour read these
		// fields, under these names.
		fields := []struct {
			name string
			want any
		}{
			{"activeFile", active}, {"maxBackups", backups}, {"maxAge", int64(age)}, {"compress", compress},
			{"localTime", local}, {"fileMode", uint32(mode)}, {"dropWhenFull", drop}, {"onError", true},
		}
		for _, f := range fields {
			v := reflect.ValueOf(c).FieldByName(f.name)
			if !v.IsValid() {
				t.Fatalf("Config has no field %s: name the fields as the lesson's table does, since the next steps read them", f.name)
			}
			if got := optionsStepValue(v); fmt.Sprint(got) != fmt.Sprint(f.want) {
				t.Errorf("after the With methods, Config.%s = %v, want %v", f.name, got, f.want)
			}
		}
		got := optionsStepJSON(t, c)
		want := map[string]any{"active_file": active, "max_backups": float64(backups), "max_age": age.String(),
			"compress": compress, "local_time": local, "file_mode": fmt.Sprintf("%#o", uint32(mode)), "drop_when_full": drop}
		for key, w := range want {
			if got[key] != w {
				t.Errorf("after the With methods, MarshalJSON has %q: %v, want %v", key, got[key], w)
			}
		}
		doc := fmt.Sprintf(`{"async": true, "active_file": %q, "max_backups": %d, "max_age": %q, "compress": %v,
			"local_time": %v, "file_mode": %q, "drop_when_full": %v}`,
			active, backups, age.String(), compress, local, fmt.Sprintf("%#o", uint32(mode)), drop)
		back := NewConfig()
		if err := back.UnmarshalJSON([]byte(doc)); err != nil {
			t.Fatalf("UnmarshalJSON(%s) = %v, want nil", doc, err)
		}
		for key, w := range want {
			if g := optionsStepJSON(t, back)[key]; g != w {
				t.Errorf("after UnmarshalJSON(%s), %q is %v, want %v", doc, key, g, w)
			}
		}
	}
}

func TestOptionsValidate(t *testing.T) {
	type with struct {
		method string
		arg    any
	}
	tests := []struct {
		name  string
		with  []with
		field string // "" for a valid config
	}{
		{"an active file in a subdirectory", []with{{"WithActiveFile", "logs/app.log"}}, "active_file"},
		{"an active file that is ..", []with{{"WithActiveFile", ".."}}, "active_file"},
		{"an active file", []with{{"WithActiveFile", "app.log"}}, ""},
		{"negative backups", []with{{"WithMaxBackups", -1 - rand.IntN(9)}}, "max_backups"},
		{"a max age of minutes", []with{{"WithMaxAge", time.Duration(1+rand.IntN(59)) * time.Minute}}, "max_age"},
		{"a negative max age", []with{{"WithMaxAge", -time.Hour}}, "max_age"},
		{"a max age of an hour", []with{{"WithMaxAge", time.Hour}}, ""},
		{"a mode with more than permission bits", []with{{"WithFileMode", fs.FileMode(0o4644)}}, "file_mode"},
		{"a mode the owner cannot write", []with{{"WithFileMode", fs.FileMode(0o444)}}, "file_mode"},
		{"a mode the owner cannot read", []with{{"WithFileMode", fs.FileMode(0o244)}}, "file_mode"},
		{"mode 0600", []with{{"WithFileMode", fs.FileMode(0o600)}}, ""},
		{"drop when full, without async", []with{{"WithDropWhenFull", true}}, "drop_when_full"},
	}
	for _, tt := range tests {
		c := NewConfig()
		for _, w := range tt.with {
			c = optionsStepWith(t, c, w.method, w.arg)
		}
		err := c.Validate()
		var ce *ConfigError
		switch {
		case tt.field == "" && err != nil:
			t.Errorf("%s: Validate() = %v, want nil", tt.name, err)
		case tt.field != "" && (!errors.As(err, &ce) || ce.Field != tt.field):
			t.Errorf("%s: Validate() = %v, want a *ConfigError for %q", tt.name, err, tt.field)
		}
	}
	for _, doc := range []string{`{"file_mode": 420}`, `{"file_mode": "rw-r--r--"}`, `{"max_age": 3600}`, `{"max_age": "30d"}`, `{"max_backups": "5"}`, `{"compress": "yes"}`} {
		c := NewConfig()
		err := c.UnmarshalJSON([]byte(doc))
		var ce *ConfigError
		key := doc[2 : strings.IndexByte(doc[2:], '"')+2]
		if !errors.As(err, &ce) || ce.Field != key {
			t.Errorf("UnmarshalJSON(%s) = %v, want a *ConfigError for %q", doc, err, key)
		}
	}
}
