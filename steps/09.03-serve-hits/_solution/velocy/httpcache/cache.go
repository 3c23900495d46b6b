package httpcache

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// Store is where the cache keeps its entries: the methods of
// velocy/state.Store it uses, so that any state.Store, in memory or on
// Redis, is one. Get reports a missing or expired key as found=false; an
// error from the store makes a lookup a miss and a write a no-op, because
// a cache that cannot reach its store is only slower.
type Store interface {
	Get(ctx context.Context, key string) (value []byte, found bool, err error)
	Set(ctx context.Context, key string, value []byte, ttl time.Duration) error
	Delete(ctx context.Context, key string) error
}

// Options tunes the cache. The zero value is ready to use.
type Options struct {
	// MaxEntryBytes is the largest body stored; a bigger response is
	// streamed to the client and not stored. 0 means 1 MiB.
	MaxEntryBytes int64
	// Prefix starts every key the cache writes in the store, so that it
	// can share a store with sessions and limits. "" means "httpcache:".
	Prefix string
	// Name is the cache's name in the Cache-Status header (RFC 9211).
	// "" means "velocy".
	Name string
	// Heuristic is the lifetime of a response that states none (no
	// s-maxage, max-age or Expires) and whose status is cacheable by
	// default (200, 203, 204, 300, 301, 404, 405, 410, 414, 501). 0, the
	// default, stores only responses that state a lifetime.
	Heuristic time.Duration
}

// A cache is the middleware's state: its options and its store.
type cache struct {
	store     Store
	limit     int64
	prefix    string
	name      string
	heuristic time.Duration
}

// New returns middleware that answers GET and HEAD requests from store
// while what it stored is fresh, and stores the answers of the handler it
// wraps as they allow (see the package documentation).
//
// Every answer to GET or HEAD carries a Cache-Status header: "velocy; hit;
// ttl=N" from the store (with an Age header), or "velocy; fwd=R" when it
// was forwarded, R being uri-miss (nothing stored for the URL), vary-miss
// (nothing for these request headers), stale (too old for the request's
// max-age), request (the request said no-cache or no-store) or bypass (a
// Range request, which the cache does not answer). HEAD is answered from
// what a GET stored; a HEAD that misses is forwarded and stores nothing. A
// successful request with an unsafe method (POST, PUT, DELETE...) removes
// what was stored for its URL.
//
// A response that says no-cache is not stored: the cache does not
// revalidate, and never storing is the simplest behaviour that never
// serves it without asking.
func New(store Store, opts Options) func(http.Handler) http.Handler {
	c := &cache{store: store, limit: opts.MaxEntryBytes, prefix: opts.Prefix, name: opts.Name, heuristic: opts.Heuristic}
	if c.limit <= 0 {
		c.limit = 1 << 20
	}
	if c.prefix == "" {
		c.prefix = "httpcache:"
	}
	if c.name == "" {
		c.name = "velocy"
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			c.serve(next, w, r)
		})
	}
}

// serve answers r from the store or forwards it to next.
func (c *cache) serve(next http.Handler, w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet, http.MethodHead:
	case http.MethodOptions, http.MethodTrace:
		next.ServeHTTP(w, r)
		return
	default:
		c.invalidate(next, w, r)
		return
	}
	if r.Header.Get("Range") != "" {
		w.Header().Set("Cache-Status", c.name+"; fwd=bypass")
		next.ServeHTTP(w, r)
		return
	}
	key := primaryKey(c.prefix, r)
	reqCC := parseCacheControl(r.Header)
	fwd := "request"
	if !reqCC.noStore && !reqCC.noCache {
		var e *entry
		e, fwd = c.lookup(r, key)
		if e != nil {
			now := time.Now()
			age := e.age(now)
			if age < e.lifetime && (reqCC.maxAge < 0 || age <= reqCC.maxAge) {
				c.serveHit(w, r, e, age)
				return
			}
			fwd = "stale"
		}
	}
	c.forward(next, w, r, key, fwd)
}

// lookup finds the entry for r under key, following a Vary marker to the
// variant. It returns nil and why when there is none. A corrupt entry is
// removed and counts as missing.
func (c *cache) lookup(r *http.Request, key string) (*entry, string) {
	e := c.get(r.Context(), key)
	if e == nil {
		return nil, "uri-miss"
	}
	if e.status != 0 {
		return e, ""
	}
	e = c.get(r.Context(), varyKey(key, e.vary, r))
	if e == nil {
		return nil, "vary-miss"
	}
	return e, ""
}

// get reads and decodes the entry under key, or returns nil.
func (c *cache) get(ctx context.Context, key string) *entry {
	b, found, err := c.store.Get(ctx, key)
	if err != nil || !found {
		return nil
	}
	e, err := decodeEntry(b)
	if err != nil {
		_ = c.store.Delete(ctx, key)
		return nil
	}
	return e
}

// serveHit answers r with e, which is age old: its header with Age and
// Cache-Status, and its body unless r is HEAD.
func (c *cache) serveHit(w http.ResponseWriter, r *http.Request, e *entry, age time.Duration) {
	h := w.Header()
	for k, vs := range e.header {
		h[k] = vs
	}
	secs := int64(age / time.Second)
	h.Set("Age", strconv.FormatInt(secs, 10))
	ttl := int64(e.lifetime/time.Second) - secs // so that Age + ttl = the lifetime
	h.Set("Cache-Status", c.name+"; hit; ttl="+strconv.FormatInt(ttl, 10))
	w.WriteHeader(e.status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(e.body)
	}
}

// forward passes r to next, tells why in Cache-Status, and stores the
// answer if it may.
func (c *cache) forward(next http.Handler, w http.ResponseWriter, r *http.Request, key, fwd string) {
	var (
		life   time.Duration
		header http.Header
		start  = time.Now()
		outer  = w.Header().Clone() // what middleware around the cache set
	)
	cw := &capture{w: w, limit: c.limit}
	cw.decide = func(status int) bool {
		h := w.Header()
		var ok bool
		life, ok = lifetime(r, status, h, start, c.heuristic)
		if ok {
			if n, err := strconv.ParseInt(h.Get("Content-Length"), 10, 64); err == nil && n > c.limit {
				ok = false
			}
		}
		if ok {
			header = ownHeader(h, outer)
		}
		h.Set("Cache-Status", c.name+"; fwd="+fwd)
		return ok
	}
	next.ServeHTTP(cw, r)
	if cw.status == 0 {
		cw.WriteHeader(http.StatusOK) // what net/http would send
	}
	if !cw.keep || cw.over {
		return
	}
	c.store1(r, key, &entry{status: cw.status, header: header, body: cw.body.Bytes(), stored: start, lifetime: life})
}

// ownHeader returns a copy of h without the fields that middleware
// around the cache had set before the handler ran, and that the handler
// left as they were. Those belong to one response (a rate limiter's
// RateLimit-Remaining, a request id), and that middleware runs again on
// every hit and sets them afresh: stored, they would overwrite the fresh
// values with the first response's.
func ownHeader(h, outer http.Header) http.Header {
	own := h.Clone()
	for k, vs := range outer {
		if slices.Equal(own[k], vs) {
			delete(own, k)
		}
	}
	return own
}

// store1 writes e for r under key, with a Vary marker when it varies, for
// as long as it stays fresh.
func (c *cache) store1(r *http.Request, key string, e *entry) {
	if age, err := strconv.ParseInt(e.header.Get("Age"), 10, 64); err == nil && age > 0 {
		e.initialAge = time.Duration(min(age, maxDelta)) * time.Second
	}
	ttl := e.lifetime - e.initialAge
	if ttl <= 0 {
		return
	}
	e.header.Del("Age")
	if e.header.Get("Date") == "" {
		e.header.Set("Date", e.stored.UTC().Format(http.TimeFormat))
	}
	if e.status != http.StatusNoContent && e.status != http.StatusNotModified {
		e.header.Set("Content-Length", strconv.Itoa(len(e.body)))
	}
	ctx := r.Context()
	names, _ := varyNames(e.header)
	if len(names) > 0 {
		marker := &entry{stored: e.stored, vary: names}
		if c.store.Set(ctx, key, marker.encode(), ttl) != nil {
			return
		}
		key = varyKey(key, names, r)
		e.vary = names
	}
	_ = c.store.Set(ctx, key, e.encode(), ttl)
}

// invalidate passes a request with an unsafe method to next, and removes the URL's entry once next has answered with a success
// or a redirect: what was stored is likely out of date (RFC 9111 4.4).
func (c *cache) invalidate(next http.Handler, w http.ResponseWriter, r *http.Request) {
	cw := &capture{w: w, decide: func(int) bool { return false }}
	next.ServeHTTP(cw, r)
	if cw.status == 0 || cw.status >= 200 && cw.status < 400 {
		_ = c.store.Delete(r.Context(), primaryKey(c.prefix, r))
	}
}
