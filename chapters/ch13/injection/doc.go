// Package injection holds chapter 13's demonstrations of what reaches logs
// and headers. For lesson 13.9, its tests show a user's value forging a
// log line through the log package, and what log/slog's handlers,
// logtar, net/http and mime do with the same value; for lesson 13.10, a
// password leaking through logtar as a string and not as a secret.Secret.
// It has no code of its own: the fixes are in the standard library and
// in the reference libraries, and the tests prove it.
package injection
