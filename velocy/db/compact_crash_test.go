package db

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"
)

// crashCompactEnv makes TestCrashChild compact in a loop while its
// writers write, so that the kill lands in the middle of compactions.
const crashCompactEnv = "VELOCY_DB_CRASH_COMPACT"

// crashCompactLoop compacts db until the process is killed.
func crashCompactLoop(db *DB) {
	if os.Getenv(crashCompactEnv) == "" {
		return
	}
	go func() {
		for {
			if _, err := db.Compact(context.Background()); err != nil {
				fmt.Printf("err compact: %v\n", err)
				os.Exit(1)
			}
			time.Sleep(time.Millisecond) // let a segment fill; the kill's timing is random anyway
		}
	}()
}

// TestCrashCompact is TestCrash with compactions running in the child:
// kill -9 at any point of a compaction loses no acknowledged write.
func TestCrashCompact(t *testing.T) {
	t.Setenv(crashCompactEnv, "1")
	TestCrash(t)
}
