package taskid_test

import (
	"fmt"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters/ch10/taskid"
)

// Two ids made in the same millisecond: the first starts with the time,
// the second is the first plus one.
func Example() {
	clock := time.Date(2026, 12, 2, 16, 28, 4, 271e6, time.UTC)
	ids := taskid.New(func() time.Time { return clock })
	a, b := ids.Next(), ids.Next()
	fmt.Println(a[:12], len(a), taskid.Valid(a))
	fmt.Println(a < b)
	// Output:
	// 01a23795a72f 22 true
	// true
}
