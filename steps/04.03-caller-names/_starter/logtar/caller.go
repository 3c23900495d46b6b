package logtar

// Finding the caller takes two steps:
//
//  1. runtime.Callers walks up the stack and records the program counter
//     (PC) of each frame: a number that says where in the code that frame
//     is. This is fast and does not allocate.
//  2. runtime.CallersFrames turns a PC into a function name, a file and a
//     line, using tables stored in the binary. This is slower and
//     allocates.

// callerDepth is the number of frames between runtime.Callers and the code
// that called a logging method: runtime.Callers itself, callerPC,
// Logger.log, and the method (Logger.Info, Logger.LogAttrs, ...). Every
// exported logging method must call Logger.log directly, so that this number
// is the same for all of them; a test pins it.
//
// TODO(04.03-caller-info): count those frames.
const callerDepth = 0

// callerPC returns the PC of the code that called the logging method, skip
// frames further up, or 0 if the stack is not that deep.
func callerPC(skip int) uintptr {
	// TODO(04.03-caller-info): ask runtime.Callers for one PC, callerDepth+skip
	// frames up, into a [1]uintptr; return 0 if it records none.
	return 0
}

// appendCaller appends the "caller" and "func" fields for pc:
//
//	,"caller":"logtar/logger_test.go:42","func":"logtar.TestCaller"
//
// The file is shortened to its last directory and name, and the function to
// the last element of its package path, which is enough to find the line
// and keeps records short. A zero pc gives "caller":"unknown".
func appendCaller(b []byte, pc uintptr) []byte {
	// TODO(04.03-caller-names): for pc 0, append "caller":"unknown". Otherwise
	// get the frame with runtime.CallersFrames([]uintptr{pc}).Next() and
	// append "caller" (shortFile(frame.File) + ":" + the line) and, if the
	// frame has a function name, "func" (shortFunc(frame.Function)).
	return b
}

// appendKeyString appends a field whose value is a string.
func appendKeyString(b []byte, key, value string) []byte {
	// TODO(04.03-caller-names): appendKey, then the value as a JSON string.
	return b
}

// shortFile keeps the last directory and the file name of a path:
// "/home/ann/src/app/server/main.go" becomes "server/main.go".
func shortFile(path string) string {
	// TODO(04.03-caller-names): keep what follows the second-to-last '/'
	// (strings.LastIndexByte), or the whole path if it has fewer slashes.
	return path
}

// shortFunc drops the package path before a function's name:
// "github.com/ann/app/server.(*Server).handle" becomes
// "server.(*Server).handle".
func shortFunc(name string) string {
	// TODO(04.03-caller-names): keep what follows the last '/'.
	return name
}
