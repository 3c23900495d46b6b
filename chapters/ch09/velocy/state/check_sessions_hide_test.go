package state

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// errCheckDown is what checkDownStore's errors wrap.
var errCheckDown = errors.New("store down")

// checkDownStore fails every call with an error that names the key, as a
// Redis client's errors may.
type checkDownStore struct{}

func (checkDownStore) fail(key string) error { return fmt.Errorf("key %q: %w", key, errCheckDown) }
func (d checkDownStore) Get(_ context.Context, key string) ([]byte, bool, error) {
	return nil, false, d.fail(key)
}
func (d checkDownStore) Set(_ context.Context, key string, _ []byte, _ time.Duration) error {
	return d.fail(key)
}
func (d checkDownStore) Delete(_ context.Context, key string) error { return d.fail(key) }
func (d checkDownStore) Incr(_ context.Context, key string, _ int64, _ time.Duration) (int64, error) {
	return 0, d.fail(key)
}
func (d checkDownStore) CompareAndSwap(_ context.Context, key string, _, _ []byte, _ time.Duration) (bool, error) {
	return false, d.fail(key)
}

func TestSessionsHideTheID(t *testing.T) {
	ctx := t.Context()
	s := Sessions(checkDownStore{}, "session:")
	id := fmt.Sprintf("%016x", rand.Uint64())
	_, _, lerr := s.Load(ctx, id)
	calls := map[string]error{
		"Load":                   lerr,
		"Save":                   s.Save(ctx, id, []byte("x"), time.Now().Add(time.Hour)),
		"Save (already expired)": s.Save(ctx, id, []byte("x"), time.Now().Add(-time.Hour)),
		"Delete":                 s.Delete(ctx, id),
	}
	for name, err := range calls {
		if err == nil {
			t.Errorf("%s on a failing Store returned nil; want the Store's error", name)
			continue
		}
		if strings.Contains(err.Error(), id) {
			t.Errorf("%s's error %q contains the session id: a session id is a credential, keep it out of errors that end up in logs", name, err)
		}
		if !errors.Is(err, errCheckDown) {
			t.Errorf("%s's error %q does not unwrap to the Store's error: errors.Is must still see it", name, err)
		}
	}
}
