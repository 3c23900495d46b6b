package main

import (
	"encoding/json"
	"net/http"
	"regexp"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
)

// nickKey is the session key that holds the nickname.
const nickKey = "nick"

// nickPattern is what a nickname may be: 1 to 20 letters, digits, '_' or
// '-', in any script.
var nickPattern = regexp.MustCompile(`^[\p{L}\p{N}_-]{1,20}$`)

// login starts a session for the nickname of the form: POST /login with
// nickname=NAME. It answers {"nick": NAME}.
func (a *App) login(w http.ResponseWriter, r *http.Request) error {
	form, err := middleware.DecodeForm(w, r, middleware.FormOptions{MaxBytes: 1 << 10})
	if err != nil {
		return err
	}
	nick := form.Get("nickname")
	if !nickPattern.MatchString(nick) {
		return &middleware.Problem{Status: http.StatusBadRequest, Title: "Bad nickname",
			Detail: "a nickname is 1 to 20 letters, digits, '_' or '-'"}
	}
	s := middleware.SessionFrom(r.Context())
	// A new session id on every sign-in: an id planted in the browser
	// before (session fixation) is worth nothing after it.
	s.Renew()
	s.Set(nickKey, nick)
	a.log.InfoContext(r.Context(), "chat: login", "nick", nick)
	return writeJSON(w, http.StatusOK, map[string]string{"nick": nick})
}

// logout ends the session: POST /logout. It answers 204.
func (a *App) logout(w http.ResponseWriter, r *http.Request) error {
	middleware.SessionFrom(r.Context()).Destroy()
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// me answers the session's nickname, {"nick": NAME}, or 401: the page asks
// it on load to know whether to show the login form.
func (a *App) me(w http.ResponseWriter, r *http.Request) error {
	nick, ok := nickOf(r)
	if !ok {
		return errNoSession
	}
	return writeJSON(w, http.StatusOK, map[string]string{"nick": nick})
}

// errNoSession answers a request that needs a nickname and has none.
var errNoSession = &middleware.Problem{Status: http.StatusUnauthorized,
	Title: "Not signed in", Detail: "POST /login with a nickname first"}

// nickOf returns the nickname of the request's session.
func nickOf(r *http.Request) (string, bool) {
	s := middleware.SessionFrom(r.Context())
	if s == nil {
		return "", false
	}
	return s.Get(nickKey)
}

// writeJSON answers v as JSON with the status code.
func writeJSON(w http.ResponseWriter, code int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, err = w.Write(append(b, '\n'))
	return err
}
