package files

import (
	"io"
)

// Chunks reads r to the end and returns its content cut into pieces of size
// bytes; only the last piece may be shorter. Empty input gives no pieces. A
// size below 1 is an error.
//
// Every piece has a backing array of its own, so the caller may keep, change
// or append to one piece without touching any other. On a read error, Chunks
// returns the pieces read so far together with the error.
func Chunks(r io.Reader, size int) ([][]byte, error) {
	// TODO(03.04): refuse size < 1 with an error. Then loop: make a new
	// []byte of size bytes, fill it with io.ReadFull, keep the n bytes
	// read; io.EOF and io.ErrUnexpectedEOF mean the input is over.
	return nil, nil
}
