package middleware

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"
)

// SessionOptions configures [Sessions]. Only Store is required; the zero
// value of every other field picks the safe default written beside it.
type SessionOptions struct {
	// Store keeps the sessions, for example a [MemoryStore].
	Store Store
	// CookieName is the name of the session cookie. Default "session".
	CookieName string
	// IdleTimeout ends a session that sees no request for that long.
	// Default 30 minutes.
	IdleTimeout time.Duration
	// Lifetime ends a session that long after it began (or was renewed),
	// however active it is. Default 24 hours.
	Lifetime time.Duration
	// Path and Domain are the cookie's. Path defaults to "/"; an empty
	// Domain makes the cookie host-only, which is the safer choice.
	Path, Domain string
	// SameSite defaults to http.SameSiteLaxMode: the cookie is sent on
	// top-level navigation from other sites, not on their forms' POSTs or
	// their scripts' requests.
	SameSite http.SameSite
	// Insecure drops the Secure attribute, which otherwise stops the client
	// from sending the cookie over plain HTTP. Browsers (and Go's cookiejar)
	// treat http://localhost as secure already; set Insecure only for a
	// development server reached over plain HTTP under another name.
	Insecure bool
	// Signer, if set, signs the session ID in the cookie, so that a made-up
	// ID is refused before it costs a store lookup.
	Signer *Signer
	// Logger receives the store's errors, which never reach the client.
	// Default slog.Default().
	Logger *slog.Logger
}

// Sessions returns middleware that gives every request a [Session], found
// with [SessionFrom]. The session's data stays on the server, in
// opts.Store; the client holds only a random ID, 256 bits from crypto/rand,
// in an HttpOnly cookie.
//
// The middleware loads the session before the handler runs. If the store
// fails, it answers 500 Internal Server Error (the error goes to the
// logger, never to the client) and the handler does not run: going on
// without the session would show a signed-in user a signed-out page, and
// the next change would replace the session they still have.
//
// It saves the session right before the response header is sent, through
// [ResponseWriter.BeforeHeader], because a cookie set after the handler has
// written its body is too late to be sent. It saves only when needed: a
// session that was changed, renewed or destroyed, and an unchanged one
// whose idle deadline would otherwise run out, at most once per tenth of
// IdleTimeout. So a session ends between 9/10 of IdleTimeout and
// IdleTimeout after its last request, and at Lifetime after its start in
// any case; both limits are checked when the session is loaded, whatever
// the store does. A new session with no values is never stored, and sets no
// cookie. When saving fails, the error is logged and the cookie is left as
// it was; the status cannot change any more, the handler chose it. If the
// handler panics, nothing is saved.
//
// A change made after the handler began its body is saved when the handler
// returns, if the client already holds the session's ID. A new session, or
// a Renew, at that point needs a cookie that can no longer be sent: it is
// dropped and logged (a renewal still deletes the old ID, failing closed).
//
// Two requests of one session at the same time each load it; the last to
// save wins.
//
// Sessions panics if opts.Store is nil, a duration is negative, or SameSite
// is None with Insecure set: browsers refuse a SameSite=None cookie without
// the Secure attribute, so every session would be lost without a word.
func Sessions(opts SessionOptions) func(http.Handler) http.Handler {
	if opts.Store == nil {
		panic("middleware: Sessions: no Store")
	}
	if opts.IdleTimeout < 0 || opts.Lifetime < 0 {
		panic("middleware: Sessions: negative IdleTimeout or Lifetime")
	}
	if opts.SameSite == http.SameSiteNoneMode && opts.Insecure {
		panic("middleware: Sessions: SameSite=None with Insecure: browsers refuse such a cookie")
	}
	if opts.CookieName == "" {
		opts.CookieName = "session"
	}
	if opts.IdleTimeout == 0 {
		opts.IdleTimeout = 30 * time.Minute
	}
	if opts.Lifetime == 0 {
		opts.Lifetime = 24 * time.Hour
	}
	if opts.Path == "" {
		opts.Path = "/"
	}
	if opts.SameSite == 0 {
		opts.SameSite = http.SameSiteLaxMode
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			s, err := opts.load(r)
			if err != nil {
				opts.logger().ErrorContext(r.Context(), "session: load failed", "err", err)
				http.Error(w, http.StatusText(http.StatusInternalServerError),
					http.StatusInternalServerError)
				return
			}
			ctx := context.WithValue(r.Context(), sessionKey{}, s)
			// Saving must survive a client that hangs up after its request.
			saveCtx := context.WithoutCancel(ctx)
			rw := Wrap(w)
			rw.BeforeHeader(func(int) { opts.commit(saveCtx, rw.Header(), s, false) })
			defer s.abandon() // a panic: save nothing the handler left half done
			r2 := r.WithContext(ctx)
			next.ServeHTTP(rw, r2)
			r.Pattern = r2.Pattern // for an AccessLog around Sessions
			// Either the handler wrote nothing, so the header is not sent
			// and the hook has not run, or it changed the session after
			// the header went out.
			opts.commit(saveCtx, rw.Header(), s, rw.Status() != 0)
		})
	}
}

type sessionKey struct{}

// SessionFrom returns the session of the request whose context is ctx, or
// nil if the request did not go through [Sessions].
func SessionFrom(ctx context.Context) *Session {
	s, _ := ctx.Value(sessionKey{}).(*Session)
	return s
}

// Session is the server-side state of one client, as string keys and
// values. It is safe for concurrent use by the goroutines of its request.
// Changes are saved when the response header is sent.
type Session struct {
	mu       sync.Mutex
	id       string // "" until the session is stored
	cookieID string // the ID the client sent, if it was valid and alive
	values   map[string]string
	created  time.Time
	saved    time.Time // when the store last got it; zero if never
	dirty    bool
	stale    []string // IDs to delete: renewed away or destroyed
	cookie   bool     // the request carried a session cookie
	done     bool     // committed or abandoned
}

// ID returns the session's ID, or "" for a new session that has not been
// saved yet. Never show it to anyone but its owner, and never log it: it is
// as good as their password for as long as the session lives.
func (s *Session) ID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.id
}

// Get returns the value stored under key, and whether there is one.
func (s *Session) Get(key string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.values[key]
	return v, ok
}

// Set stores value under key. Keys and values are saved as JSON strings,
// so bytes that are not valid UTF-8 come back as U+FFFD: encode binary
// data (with base64, say) before storing it.
func (s *Session) Set(key, value string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.values == nil {
		s.values = make(map[string]string)
	}
	s.values[key] = value
	s.dirty = true
}

// Delete removes key.
func (s *Session) Delete(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.values[key]; ok {
		delete(s.values, key)
		s.dirty = true
	}
}

// Renew gives the session a new ID, keeping its values, and restarts its
// lifetime; the old ID is deleted from the store when the session is saved.
// Call it whenever the privileges behind a session change, above all on
// sign-in: an attacker who planted a session ID in the victim's browser
// before they signed in (session fixation) is left holding a dead ID.
func (s *Session) Renew() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.id != "" {
		s.stale = append(s.stale, s.id)
	}
	s.id = newSessionID()
	s.created = time.Now()
	s.dirty = true
}

// Destroy ends the session, for signing out: its data is deleted from the
// store and the client's cookie is expired. Values set after Destroy start
// a new session, with a new ID.
func (s *Session) Destroy() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.id != "" {
		s.stale = append(s.stale, s.id)
	}
	s.id, s.values, s.created, s.saved, s.dirty = "", nil, time.Time{}, time.Time{}, false
}

// abandon makes the session unsavable, if it was not saved yet.
func (s *Session) abandon() {
	s.mu.Lock()
	s.done = true
	s.mu.Unlock()
}

// newSessionID returns 256 random bits from crypto/rand, as 43 characters
// of unpadded base64url. crypto/rand.Read never fails (since Go 1.24: the
// program stops if the system cannot give randomness).
func newSessionID() string {
	var b [32]byte
	rand.Read(b[:])
	return b64.EncodeToString(b[:])
}

// validSessionID reports whether id has the form newSessionID gives.
func validSessionID(id string) bool {
	if len(id) != 43 {
		return false
	}
	_, err := b64.DecodeString(id)
	return err == nil
}

// sessionRecord is what the store holds, as JSON. Times are Unix
// nanoseconds.
type sessionRecord struct {
	Created int64             `json:"created"`
	Saved   int64             `json:"saved"`
	Values  map[string]string `json:"values,omitempty"`
}

// decodeSessionRecord parses data made by json.Marshal of a sessionRecord,
// refusing one without times.
func decodeSessionRecord(data []byte) (sessionRecord, error) {
	var rec sessionRecord
	if err := json.Unmarshal(data, &rec); err != nil {
		return sessionRecord{}, err
	}
	if rec.Created == 0 || rec.Saved == 0 {
		return sessionRecord{}, errors.New("session record without times")
	}
	return rec, nil
}

func (o *SessionOptions) logger() *slog.Logger {
	if o.Logger != nil {
		return o.Logger
	}
	return slog.Default()
}

// load returns the session of r: the one its cookie names if that is valid
// and alive, or a new, empty one. Only the first session cookie that has
// the right form is looked up, so a client cannot make one request cost
// many store lookups.
func (o *SessionOptions) load(r *http.Request) (*Session, error) {
	s := &Session{}
	ctx := r.Context()
	for _, c := range r.CookiesNamed(o.CookieName) {
		s.cookie = true
		id := c.Value
		if o.Signer != nil {
			var err error
			if id, err = o.Signer.Verify(o.CookieName, id); err != nil {
				continue
			}
		}
		if !validSessionID(id) {
			continue
		}
		data, found, err := o.Store.Load(ctx, id)
		if err != nil || !found {
			return s, err
		}
		rec, err := decodeSessionRecord(data)
		if err != nil {
			o.logger().WarnContext(ctx, "session: unreadable record, starting anew", "err", err)
			return s, nil
		}
		created, saved := time.Unix(0, rec.Created), time.Unix(0, rec.Saved)
		now := time.Now()
		if !now.Before(created.Add(o.Lifetime)) || !now.Before(saved.Add(o.IdleTimeout)) {
			// The store kept it longer than asked: end it here.
			if err := o.Store.Delete(ctx, id); err != nil {
				o.logger().ErrorContext(ctx, "session: delete expired failed", "err", err)
			}
			return s, nil
		}
		s.id, s.cookieID, s.values, s.created, s.saved = id, id, rec.Values, created, saved
		return s, nil
	}
	return s, nil
}

// commit saves s if needed and sets or clears the cookie in h. It runs
// when the header is about to be sent and again when the handler returns,
// late if the header is gone by then: a change made after the header went
// out is saved only if the client already holds the session's ID. After a
// failed save it gives up for the request.
func (o *SessionOptions) commit(ctx context.Context, h http.Header, s *Session, late bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return
	}
	renewed := s.id != "" && s.id != s.cookieID
	begun := s.id == "" && s.dirty && len(s.values) > 0
	if late && (renewed || begun) {
		// A new or renewed ID the client will never learn. A renewal
		// fails closed: the old ID is deleted all the same.
		o.logger().WarnContext(ctx,
			"session: new ID after the response header was sent; too late for its cookie, not saved")
		o.deleteStale(ctx, s)
		s.done = true
		return
	}
	defer o.deleteStale(ctx, s)
	now := time.Now()
	switch {
	case s.id == "" && (!s.dirty || len(s.values) == 0):
		// No session to keep: tell the client to forget its cookie.
		if s.cookie {
			o.setCookie(h, "", -1)
			s.cookie = false
		}
		return
	case s.id == "":
		s.id, s.created = newSessionID(), now
	case !s.dirty && s.id == s.cookieID && now.Sub(s.saved) < o.IdleTimeout/10:
		return // unchanged and saved recently enough
	}
	data, err := json.Marshal(sessionRecord{
		Created: s.created.UnixNano(), Saved: now.UnixNano(), Values: s.values,
	})
	if err != nil { // cannot happen: strings always marshal
		o.logger().ErrorContext(ctx, "session: encode failed", "err", err)
		return
	}
	end := s.created.Add(o.Lifetime)
	expires := min(now.Add(o.IdleTimeout).UnixNano(), end.UnixNano())
	if err := o.Store.Save(ctx, s.id, data, time.Unix(0, expires)); err != nil {
		o.logger().ErrorContext(ctx, "session: save failed", "err", err)
		s.done = true
		return
	}
	s.saved, s.dirty = now, false
	if s.id != s.cookieID {
		// MaxAge rounds up, so the cookie outlives the session by less
		// than a second rather than dying before it.
		o.setCookie(h, s.id, int((end.Sub(now)+time.Second-1)/time.Second))
		s.cookieID, s.cookie = s.id, true
	}
}

// deleteStale deletes the IDs that Renew and Destroy left behind.
func (o *SessionOptions) deleteStale(ctx context.Context, s *Session) {
	for _, id := range s.stale {
		if err := o.Store.Delete(ctx, id); err != nil {
			o.logger().ErrorContext(ctx, "session: delete failed", "err", err)
		}
	}
	s.stale = nil
}

// setCookie adds the session cookie to h; maxAge -1 deletes it.
func (o *SessionOptions) setCookie(h http.Header, id string, maxAge int) {
	value := id
	if id != "" && o.Signer != nil {
		value = o.Signer.Sign(o.CookieName, id)
	}
	c := &http.Cookie{
		Name: o.CookieName, Value: value, Path: o.Path, Domain: o.Domain,
		MaxAge: maxAge, HttpOnly: true, Secure: !o.Insecure, SameSite: o.SameSite,
	}
	h.Add("Set-Cookie", c.String())
}
