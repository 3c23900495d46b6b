package suite

import "testing"

var _ = mutationFile("key.go", "c92b726dae6fca6730d9fa1d6da7b548a4f10740f7e9b954de156d9a0e84cd05")

func TestRequireKeyTestsCatchMutants(t *testing.T) {
	mutationRun(t, mutationSpec{
		tests: []string{"TestRequireKey"},
		file:  "key_test.go",
		needs: "httptest.NewServer(",
		why:   "this step tests the middleware through a real server and client",
		mutants: []mutant{
			{file: "key.go", old: "http.Error(w, \"a key is required\", http.StatusUnauthorized)", new: "http.Error(w, \"a key is required\", http.StatusForbidden)",
				bug: "a request with no key gets 403 instead of 401"},
			{file: "key.go", old: "w.Header().Set(\"WWW-Authenticate\", \"Bearer\")", new: "",
				bug: "the 401 answer has no WWW-Authenticate header"},
			{file: "key.go", old: "if subtle.ConstantTimeCompare([]byte(got), []byte(key)) != 1 {", new: "if subtle.ConstantTimeCompare([]byte(got), []byte(key[:min(len(got), len(key))])) != 1 {",
				bug: "any prefix of the key is accepted (\"Bearer s3c\" for the key \"s3cret\")"},
			{file: "key.go", old: "http.Error(w, \"wrong key\", http.StatusForbidden)\n\t\t\t\treturn\n", new: "http.Error(w, \"wrong key\", http.StatusForbidden)\n",
				bug: "a wrong key is answered 403 but the request still reaches the next handler"},
			{file: "key.go", old: "\t\t\t\tw.Header().Set(\"Cache-Control\", \"no-store\")\n\t\t\t\thttp.Error(w, \"wrong key\"", new: "\t\t\t\thttp.Error(w, \"wrong key\"",
				bug: "the 403 answer may be cached (no Cache-Control: no-store)"},
			{file: "key.go", old: "next.ServeHTTP(w, r)", new: "w.WriteHeader(http.StatusOK)",
				bug: "the right key is answered 200 without ever calling the next handler"},
		},
	})
}
