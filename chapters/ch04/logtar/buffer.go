package logtar

import "sync"

// buffer holds one record while it is being encoded. Buffers are reused
// through a sync.Pool: a busy program logs thousands of lines a second, and
// taking a buffer from the pool instead of allocating a new one keeps the
// hot path free of allocations and the garbage collector idle.
type buffer []byte

// maxPooledBuffer is the largest buffer put back in the pool. One huge
// record (a 1 MiB message, say) would otherwise leave a 1 MiB buffer in the
// pool for good, held for records that need a hundred bytes.
const maxPooledBuffer = 16 << 10

var bufferPool = sync.Pool{
	New: func() any {
		b := make(buffer, 0, 1024)
		return &b
	},
}

// newBuffer returns an empty buffer from the pool.
func newBuffer() *buffer {
	return bufferPool.Get().(*buffer)
}

// free returns b to the pool. The caller must not use b afterwards.
func (b *buffer) free() {
	if cap(*b) > maxPooledBuffer {
		return // let the garbage collector have it
	}
	*b = (*b)[:0]
	bufferPool.Put(b)
}
