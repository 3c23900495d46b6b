package logtar

// The error handler (Config.WithErrorHandler) hears of every problem at the
// moment it happens, from wherever it happens: a logging call in sync mode,
// the writer goroutine in async mode, the file output when a roll fails,
// the cleaner when an old file cannot be deleted. Sync and Close report
// the same problems later, counted; the handler is for a program that
// wants to know at once.

// report passes err to the error handler, if there is one. The handler is
// the user's code: a panic in it is recovered, so that it cannot take the
// writer goroutine, or a logging call, down with it.
func (c *core) report(err error) {
	callErrorHandler(c.onError, err)
}

// callErrorHandler calls h(err), if h is not nil, and recovers a panic.
func callErrorHandler(h func(error), err error) {
	if h == nil {
		return
	}
	defer func() { _ = recover() }()
	h(err)
}
