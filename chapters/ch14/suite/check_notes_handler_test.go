package suite

import "testing"

var _ = mutationFile("notes.go", "f0e7b96c0b44ccf2194a02e26bdcf199f77ae791bc433623872ee170d37432e9")

func TestNotesHandlerTestsCatchMutants(t *testing.T) {
	mutationRun(t, mutationSpec{
		tests: []string{"TestNotesHandler"},
		file:  "notes_test.go",
		needs: "httptest.NewRecorder(",
		why:   "this step is about testing a handler in memory with a ResponseRecorder",
		mutants: []mutant{
			{file: "notes.go", old: "writeNote(w, http.StatusCreated, id, text)", new: "writeNote(w, http.StatusOK, id, text)",
				bug: "POST /notes answers 200 instead of 201"},
			{file: "notes.go", old: "w.Header().Set(\"Location\", \"/notes/\"+strconv.Itoa(id))", new: "w.Header().Set(\"Location\", \"/notes/\")",
				bug: "the Location header of a new note does not name its id"},
			{file: "notes.go", old: "w.Header().Set(\"Content-Type\", \"application/json\")", new: "",
				bug: "the JSON answers carry no Content-Type: application/json"},
			{file: "notes.go", old: "if strings.TrimSpace(text) == \"\" {", new: "if strings.TrimSpace(text) == \"\" && text == \"\" {",
				bug: "a note of only spaces is accepted"},
			{file: "notes.go", old: "if len(body) > MaxNote {", new: "if len(body) > MaxNote+1 {",
				bug: "a note longer than MaxNote is accepted (test MaxNote+1 bytes)"},
			{file: "notes.go", old: "http.Error(w, \"no such note\", http.StatusNotFound)", new: "http.Error(w, \"no such note\", http.StatusOK)",
				bug: "GET of a note that does not exist answers 200"},
			{file: "notes.go", old: "n.byID[id] = text", new: "n.byID[id] = strings.TrimSpace(text)",
				bug: "the stored text is trimmed, so GET returns something other than what was posted"},
		},
	})
}
