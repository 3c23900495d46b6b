// Package suite is chapter 14's code under test: small pieces of a web service (a size parser,
// a notes handler, a key-checking middleware, a query parser, a TTL cache, a rate limiter, a hit
// counter, a file-backed store and an app made of them), each handed out complete by a step.
// The learner writes the tests; each step's check proves them good by running them against the
// code as given (they must pass) and against mutants, copies with one deliberate bug each (they
// must fail).
package suite
