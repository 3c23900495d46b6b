// Package secret keeps passwords, tokens and keys out of logs, error
// messages and JSON dumps.
//
// A [Secret] prints as [REDACTED] with every fmt verb (%v, %+v, %#v, %s,
// %q, %x), resolves to [REDACTED] in log/slog and any handler built on it
// (logtar's included), and marshals as "[REDACTED]" to JSON and text.
// The value comes out only through [Secret.Reveal], a name that is easy
// to find in a code review:
//
//	token, err := secret.Load("API_TOKEN", 0) // $API_TOKEN_FILE, else $API_TOKEN
//	if err != nil { ... }
//	slog.Info("starting", "token", token) // token=[REDACTED]
//	req.Header.Set("Authorization", "Bearer "+token.Reveal())
//
// [FromFile] refuses a file that other users may read or write, so a
// secret mounted with the wrong permissions is an error at start-up, not
// a leak discovered later.
//
// Chapter 13 of learn-go-hard-way builds this package.
package secret
