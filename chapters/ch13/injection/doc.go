// Package injection holds chapter 13's demonstrations of injection into
// logs and headers (lesson 13.9): its tests show a user's value forging a
// log line through the log package, and what log/slog's handlers,
// logtar, net/http and mime do with the same value. It has no code of its
// own: the fixes are in the standard library and in the reference
// libraries, and the tests prove it.
package injection
