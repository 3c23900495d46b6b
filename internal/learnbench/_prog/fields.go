package main

import (
	"errors"
	"time"
)

// The message and the ten field values every logger writes. They are variables, not constants,
// so that no library boxes a constant for free: this is what logging a request looks like.
var (
	message = "request served"

	fMethod    = "GET"
	fPath      = "/api/v1/users/42/orders"
	fUserAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
	fStatus    = 200
	fBytes     = 18342
	fRequestID = 987654321
	fRatio     = 0.8125
	fCached    = true
	fElapsed   = 1530 * time.Microsecond
	fErr       = errors.New("upstream: connection reset by peer")
)
