package sharedstate

import (
	"log/slog"
	"math/rand/v2"
	"reflect"
	"strconv"
	"sync"
	"testing"
)

// configWord returns a random greeting.
func configWord() string {
	b := make([]byte, 3+rand.IntN(8))
	for i := range b {
		b[i] = byte('a' + rand.IntN(26))
	}
	return string(b)
}

func TestConfigIsASnapshot(t *testing.T) {
	first := Config{Greeting: configWord(), Version: 1 + rand.IntN(1000)}
	next := Config{Greeting: configWord() + "!", Version: first.Version + 1 + rand.IntN(1000)}
	a := New(slog.New(slog.DiscardHandler), first)
	held := a.Config()
	if held == nil || *held != first {
		t.Fatalf("New(log, %+v).Config() = %+v, want %+v", first, held, first)
	}
	a.SetConfig(next)
	if *held != first {
		t.Fatalf("SetConfig(%+v) changed the *Config a request already held to %+v: a request "+
			"reading Greeting and then Version mixes two versions. Publish a new *Config instead "+
			"of overwriting the old one", next, *held)
	}
	if got := a.Config(); got == nil || *got != next {
		t.Fatalf("after SetConfig(%+v), Config() = %+v", next, got)
	}

	f, ok := reflect.TypeFor[App]().FieldByName("config")
	if !ok {
		t.Fatal("App has no field config: keep the configuration in the App")
	}
	if f.Type.PkgPath() != "sync/atomic" {
		t.Fatalf("App.config is a %s: SetConfig writes it while requests read it, a data race "+
			"(go test -race reports it even when every test passes). Make it an "+
			"atomic.Pointer[Config], with Load in Config and Store in SetConfig", f.Type)
	}

	// Readers must see whole versions while a writer publishes.
	var wg sync.WaitGroup
	rounds := 200 + rand.IntN(300)
	a.SetConfig(Config{Greeting: "v0", Version: 0})
	wg.Go(func() {
		for v := range rounds {
			a.SetConfig(Config{Greeting: "v" + strconv.Itoa(v), Version: v})
		}
	})
	for range 4 {
		wg.Go(func() {
			for range rounds {
				c := a.Config()
				if c.Greeting != "v"+strconv.Itoa(c.Version) {
					t.Errorf("Config() = %+v: half of one version, half of another", *c)
					return
				}
			}
		})
	}
	wg.Wait()
}
