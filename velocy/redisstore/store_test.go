package redisstore

import (
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/state"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/state/statetest"
)

// TestStoreContract runs velocy/state's conformance suite, the contract
// every Store keeps (the in-memory one runs it too), against Store on a
// real Redis server. Its expiry tests wait real time, Redis's clock being
// out of reach of testing/synctest; -short skips them.
func TestStoreContract(t *testing.T) {
	c := newClient(t)
	statetest.Run(t, func(t *testing.T) state.Store { return NewStore(c, testPrefix(t)) })
}
