package files

import (
	"fmt"
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
	if size < 1 {
		return nil, fmt.Errorf("files: chunk size %d: must be at least 1", size)
	}
	var chunks [][]byte
	for {
		buf := make([]byte, size) // a new array for every piece
		n, err := io.ReadFull(r, buf)
		if n > 0 {
			chunks = append(chunks, buf[:n:n])
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return chunks, nil // the end: nothing more, or a short last piece
		}
		if err != nil {
			return chunks, fmt.Errorf("files: read chunk: %w", err)
		}
	}
}
