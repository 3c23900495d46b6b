package statetest_test

import (
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/state"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/state/statetest"
)

// A Store's own test runs the suite with a function that makes a fresh
// store. A store in this process takes the synctest clock; a store on a
// server (Redis) calls statetest.Run, which waits real, short TTLs.
func ExampleRunWith() {
	_ = func(t *testing.T) {
		statetest.RunWith(t, func(t *testing.T) state.Store {
			return state.NewMemory(state.MemoryOptions{})
		}, statetest.Options{Synctest: true})
	}
}

func TestMemoryPassesTheSuite(t *testing.T) {
	statetest.RunWith(t, func(t *testing.T) state.Store {
		return state.NewMemory(state.MemoryOptions{MaxEntries: 1 << 10})
	}, statetest.Options{Synctest: true})
}
