package main

import (
	"net/http"

	"learnbench/refvelocy"
)

func init() {
	addRouter("velocy (reference)", "reference", func(routes []route, mk func(int) func([]string)) http.Handler {
		handle, h := refvelocy.New()
		handleVelocyStyle(handle, routes, mk)
		return h
	})
}
