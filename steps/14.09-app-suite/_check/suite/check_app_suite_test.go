package suite

import "testing"

var _ = mutationFile("app.go", "3887cdd13142ce2a5d8da8bdf3a2a6e2a7a548dfa7bc0e5e603daf776faf3062")

func TestAppTestsCatchMutants(t *testing.T) {
	mutationRun(t, mutationSpec{
		tests: []string{"TestApp"},
		file:  "app_test.go",
		mutants: []mutant{
			{file: "app.go", old: "mux.Handle(\"PUT /kv/{key}\", RequireKey(key)(http.HandlerFunc(", new: "mux.Handle(\"PUT /kv/{key}\", RequireKey(\"\")(http.HandlerFunc(",
				bug: "PUT is guarded by the empty key instead of the app's key"},
			{file: "app.go", old: "\t\tif !ok {\n\t\t\thttp.NotFound(w, r)", new: "\t\tif !ok && r.Method == \"\" {\n\t\t\thttp.NotFound(w, r)",
				bug: "GET of a key never stored answers 200 with an empty body"},
			{file: "app.go", old: "http.MaxBytesReader(w, r.Body, MaxValue)", new: "http.MaxBytesReader(w, r.Body, 2*MaxValue)",
				bug: "a value longer than MaxValue is stored"},
			{file: "app.go", old: "http.Error(w, err.Error(), http.StatusBadRequest)", new: "http.Error(w, err.Error(), http.StatusInternalServerError)",
				bug: "a value the store refuses (a newline in it) is answered 500 instead of 400"},
			{file: "app.go", old: "hits.Add(r.Pattern)", new: "hits.Add(r.URL.Path)",
				bug: "hits are counted per path (\"/kv/a\") instead of per route (\"GET /kv/{key}\")"},
			{file: "app.go", old: "if err := store.Put(r.PathValue(\"key\"), string(body)); err != nil {", new: "if err := store.Put(r.PathValue(\"key\")+\" \", string(body)); err != nil {",
				bug: "PUT stores the value under a different key than the one in the path"},
		},
	})
}
