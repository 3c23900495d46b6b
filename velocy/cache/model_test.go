package cache

import (
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// model is the simplest LRU cache that could work: a map for the values
// and a slice for the order of use, most recent first. Every operation is
// O(n), and obviously right.
type model struct {
	maxEntries int
	maxBytes   int64
	now        time.Duration
	order      []string
	values     map[string]string
	expires    map[string]time.Duration // 0: never
}

func (m *model) remove(k string) {
	m.order = slices.DeleteFunc(m.order, func(o string) bool { return o == k })
	delete(m.values, k)
	delete(m.expires, k)
}

func (m *model) expired(k string) bool {
	return m.expires[k] != 0 && m.now >= m.expires[k]
}

func (m *model) bytes() int64 {
	var n int64
	for k, v := range m.values {
		n += int64(len(k) + len(v))
	}
	return n
}

func (m *model) get(k string) (string, bool) {
	if _, ok := m.values[k]; !ok {
		return "", false
	}
	if m.expired(k) {
		m.remove(k)
		return "", false
	}
	m.order = slices.DeleteFunc(m.order, func(o string) bool { return o == k })
	m.order = slices.Insert(m.order, 0, k)
	return m.values[k], true
}

func (m *model) set(k, v string, ttl time.Duration) {
	m.remove(k)
	if m.maxBytes > 0 && int64(len(k)+len(v)) > m.maxBytes {
		return
	}
	var exp time.Duration
	if ttl > 0 {
		exp = m.now + ttl
	}
	m.order = slices.Insert(m.order, 0, k)
	m.values[k] = v
	m.expires[k] = exp
	for len(m.order) > 0 && m.expired(m.order[len(m.order)-1]) {
		m.remove(m.order[len(m.order)-1])
	}
	for len(m.order) > 0 && (m.maxEntries > 0 && len(m.order) > m.maxEntries || m.maxBytes > 0 && m.bytes() > m.maxBytes) {
		m.remove(m.order[len(m.order)-1])
	}
}

// FuzzCacheAgainstModel runs random operations on a one-shard cache and
// on the model, and compares every answer. Time moves in a synctest
// bubble, so TTLs take part.
func FuzzCacheAgainstModel(f *testing.F) {
	f.Add([]byte{3, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte{8, 40, 0, 1, 0, 17, 2, 5, 0, 2, 33, 1, 1, 1, 0, 4, 3})
	f.Fuzz(func(t *testing.T, ops []byte) {
		if len(ops) < 2 {
			return
		}
		synctest.Test(t, func(t *testing.T) {
			maxEntries := int(ops[0] % 9)
			maxBytes := int64(ops[1] % 64)
			if maxEntries == 0 && maxBytes == 0 {
				maxEntries = 1
			}
			c := New(Options[string, string]{
				MaxEntries: maxEntries, MaxBytes: maxBytes, Shards: 1,
				Size: func(k, v string) int64 { return int64(len(k) + len(v)) },
			})
			m := &model{maxEntries: maxEntries, maxBytes: maxBytes,
				values: map[string]string{}, expires: map[string]time.Duration{}}
			ops = ops[2:]
			for i := 0; i+1 < len(ops); i += 2 {
				op, arg := ops[i], ops[i+1]
				k := string(rune('a' + arg%12))
				switch op % 5 {
				case 0, 1:
					v := strings.Repeat("v", int(op/5%24))
					ttl := time.Duration(arg/12%4) * time.Second
					c.SetTTL(k, v, ttl)
					m.set(k, v, ttl)
				case 2:
					got, gotOK := c.Get(k)
					want, wantOK := m.get(k)
					if got != want || gotOK != wantOK {
						t.Fatalf("op %d: Get(%q) = %q, %v; model says %q, %v", i/2, k, got, gotOK, want, wantOK)
					}
				case 3:
					c.Delete(k)
					m.remove(k)
				case 4:
					d := time.Duration(arg%3) * time.Second
					time.Sleep(d)
					m.now += d
				}
				if c.Len() != len(m.order) {
					t.Fatalf("op %d: Len() = %d, model holds %d %v", i/2, c.Len(), len(m.order), m.order)
				}
				if st := c.Stats(); st.Bytes != m.bytes() {
					t.Fatalf("op %d: Bytes = %d, model %d", i/2, st.Bytes, m.bytes())
				}
			}
		})
	})
}
