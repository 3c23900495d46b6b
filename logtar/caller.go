package logtar

import (
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// Finding the caller takes two steps:
//
//  1. runtime.Callers walks up the stack and records the program counter
//     (PC) of each frame: a number that says where in the code that frame
//     is. This is fast and does not allocate.
//  2. runtime.CallersFrames turns a PC into a function name, a file and a
//     line, using tables stored in the binary. This is slower and
//     allocates.
//
// A program logs from a few hundred places at most, but it logs from each of
// them again and again, so step 2 is done once per PC and its result kept
// in callerCache.

// callerDepth is the number of frames between runtime.Callers and the code
// that called a logging method: runtime.Callers itself, callerPC,
// Logger.log (or Logger.logAttrs), and the method (Logger.Info,
// Logger.LogAttrs, ...). Every exported logging method must call one of
// those two directly, so that this number is the same for all of them; a
// test pins it.
const callerDepth = 4

// callerPC returns the PC of the code that called the logging method, skip
// frames further up, or 0 if the stack is not that deep.
func callerPC(skip int) uintptr {
	var pcs [1]uintptr
	if runtime.Callers(callerDepth+skip, pcs[:]) == 0 {
		return 0
	}
	return pcs[0]
}

// callerCache maps a PC to the caller fields appendCaller writes for it.
// A sync.Map suits a cache that is written once per key and then only read,
// from many goroutines.
var callerCache sync.Map // uintptr -> string

// appendCaller appends the "caller" and "func" fields for pc:
//
//	,"caller":"logtar/logger_test.go:42","func":"logtar.TestCaller"
//
// The file is shortened to its last directory and name, and the function to
// the last element of its package path, which is enough to find the line
// and keeps records short. A zero pc gives "caller":"unknown".
func appendCaller(b []byte, pc uintptr) []byte {
	if pc == 0 {
		return appendKeyString(b, "caller", "unknown")
	}
	if fields, ok := callerCache.Load(pc); ok {
		return append(b, fields.(string)...)
	}
	frame, _ := runtime.CallersFrames([]uintptr{pc}).Next()
	var fields []byte
	fields = appendKeyString(fields, "caller", shortFile(frame.File)+":"+strconv.Itoa(frame.Line))
	if frame.Function != "" {
		fields = appendKeyString(fields, "func", shortFunc(frame.Function))
	}
	callerCache.Store(pc, string(fields))
	return append(b, fields...)
}

// appendKeyString appends a field whose value is a string.
func appendKeyString(b []byte, key, value string) []byte {
	return appendString(appendKey(b, key), value)
}

// shortFile keeps the last directory and the file name of a path:
// "/home/ann/src/app/server/main.go" becomes "server/main.go".
func shortFile(path string) string {
	slash := strings.LastIndexByte(path, '/')
	if slash < 0 {
		return path
	}
	if parent := strings.LastIndexByte(path[:slash], '/'); parent >= 0 {
		return path[parent+1:]
	}
	return path
}

// shortFunc drops the package path before a function's name:
// "github.com/ann/app/server.(*Server).handle" becomes
// "server.(*Server).handle".
func shortFunc(name string) string {
	if slash := strings.LastIndexByte(name, '/'); slash >= 0 {
		return name[slash+1:]
	}
	return name
}
