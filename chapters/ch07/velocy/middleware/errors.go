package middleware

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
)

// HandlerFunc is a handler that returns its error instead of writing it:
//
//	func getUser(w http.ResponseWriter, r *http.Request) error {
//		u, err := store.User(r.Context(), r.PathValue("id"))
//		if err != nil {
//			return err // a 404 if err says so, a 500 otherwise
//		}
//		return json.NewEncoder(w).Encode(u)
//	}
//
//	mux.Handle("GET /users/{id}", middleware.HandlerFunc(getUser))
//
// A handler then has one way out on every path, and one function,
// [WriteError], decides what the client sees.
type HandlerFunc func(http.ResponseWriter, *http.Request) error

// ServeHTTP calls f with w wrapped by [Wrap], so that WriteError knows
// whether f started the response, and writes the error f returns, if any,
// with WriteError.
func (f HandlerFunc) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rw := Wrap(w)
	if err := f(rw, r); err != nil {
		WriteError(rw, r, err)
	}
}

// StatusOf returns the HTTP status that err calls for, looking through
// wrapped errors with errors.As and errors.Is:
//
//   - an error with a method StatusCode() int, such as [*BodyError] and
//     [*Problem]: that status, if it is 400 to 599, and 500 otherwise;
//   - an [*http.MaxBytesError] (a read past [MaxBodyBytes]): 413;
//   - [context.DeadlineExceeded] (the request ran out of time): 503;
//   - [context.Canceled] (the client went away): 499,
//     [StatusClientClosedRequest];
//   - any other error: 500. A nil error is 200.
func StatusOf(err error) int {
	if err == nil {
		return http.StatusOK
	}
	var coder interface{ StatusCode() int }
	if errors.As(err, &coder) {
		return validStatus(coder.StatusCode())
	}
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return http.StatusRequestEntityTooLarge
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable
	case errors.Is(err, context.Canceled):
		return StatusClientClosedRequest
	}
	return http.StatusInternalServerError
}

// WriteError answers the request with err, as a [Problem] whose status is
// StatusOf(err). What the client reads depends on who wrote the error:
//
//   - a *Problem in err's chain is written as it is (with that status);
//   - an error that carries a status from 400 to 499 describes the client's
//     mistake, so its text becomes the problem's detail;
//   - a 413 from an *http.MaxBytesError, a 499 and a 503 get a detail of
//     their own;
//   - anything else is a 500 whose response holds the status text and
//     nothing more. The error's own text may name a file, a query, a host:
//     it goes to the log, never to the client.
//
// Errors with a status of 500 or more are logged through slog.Default(),
// with the request's context (so a handler that adds a request id finds
// it), and others at the debug level.
//
// If the response has already begun (w, or the writer under it, went
// through [Wrap] and has sent a status), a second status cannot be sent:
// WriteError logs the error and writes nothing. [HandlerFunc] wraps its
// writer for this reason. A nil err writes nothing.
func WriteError(w http.ResponseWriter, r *http.Request, err error) {
	if err == nil {
		return
	}
	rw := Wrap(w)
	status := StatusOf(err)
	if sent := rw.Status(); sent != 0 {
		logError(r, slog.LevelError, "error after the response began", status, err,
			slog.Int("sent", sent))
		return
	}
	level := slog.LevelDebug
	if status >= 500 {
		level = slog.LevelError
	}
	logError(r, level, "request failed", status, err)
	WriteProblem(rw, r, problemOf(err, status))
}

// problemOf returns the problem to send for err, whose status is status.
func problemOf(err error, status int) *Problem {
	var p *Problem
	if errors.As(err, &p) {
		q := *p
		q.Status = status
		return &q
	}
	q := &Problem{Status: status}
	var coder interface{ StatusCode() int }
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &coder) && status < 500:
		q.Detail = coder.(error).Error()
	case errors.As(err, &tooBig):
		q.Detail = "request body larger than " + strconv.FormatInt(tooBig.Limit, 10) + " bytes"
	case status == http.StatusServiceUnavailable && errors.Is(err, context.DeadlineExceeded):
		q.Detail = "the request took too long"
	case status == StatusClientClosedRequest:
		q.Detail = "the request was canceled"
	}
	return q
}

func logError(r *http.Request, level slog.Level, msg string, status int, err error, attrs ...slog.Attr) {
	logger := slog.Default()
	ctx := context.Background()
	if r != nil {
		ctx = r.Context()
	}
	if !logger.Enabled(ctx, level) {
		return
	}
	attrs = append(attrs, slog.Int("status", status), slog.String("err", err.Error()))
	if r != nil && r.URL != nil {
		attrs = append(attrs, slog.String("method", r.Method), slog.String("path", r.URL.Path))
	}
	logger.LogAttrs(ctx, level, msg, attrs...)
}
