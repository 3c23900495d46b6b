package checker_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/learn-go-hard-way/learn-go-hard-way/checker"
)

// A learner's module with a half-done Add, checked with a pristine test the learner never sees:
// the verdict names the failing test and carries its message.
func ExampleRun() {
	dir, err := os.MkdirTemp("", "example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	for name, content := range map[string]string{
		"go.mod":      "module workspace\n\ngo 1.25\n",
		"calc/add.go": "package calc\n\nfunc Add(a, b int) int { return a }\n",
	} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644)
	}
	check := `package calc

import "testing"

func TestAdd(t *testing.T) {
	if got := Add(2, 3); got != 5 {
		t.Errorf("Add(2, 3) = %d, want 5", got)
	}
}
`
	res, err := checker.Run(context.Background(), checker.Request{
		Dir:     dir,
		Package: "calc",
		Files:   map[string][]byte{"calc/check_add_test.go": []byte(check)},
	})
	if err != nil {
		log.Fatal(err) // the check could not run at all: no go command, no module
	}
	fmt.Println(res.Headline())
	fmt.Print(res.Details())
	// Output:
	// failed: TestAdd
	// TestAdd
	//     Add(2, 3) = 2, want 5
}
