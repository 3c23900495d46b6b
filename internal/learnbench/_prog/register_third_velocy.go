package main

import (
	"net/http"

	"learnbench/third"
)

// The third-party routers; learn bench writes this file only when the module proxy answered.
func init() {
	for _, r := range []struct {
		name string
		load func([]third.Route, func(int) func([]string)) http.Handler
	}{{"httprouter", third.HTTPRouter}, {"chi", third.Chi}} {
		addRouter(r.name, "third", func(routes []route, mk func(int) func([]string)) http.Handler {
			rs := make([]third.Route, len(routes))
			for i, rt := range routes {
				rs[i] = third.Route{Method: rt.method, Path: rt.path}
			}
			return r.load(rs, mk)
		})
	}
}
