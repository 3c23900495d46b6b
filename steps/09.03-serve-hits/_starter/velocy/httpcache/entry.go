package httpcache

import (
	"encoding/binary"
	"errors"
	"net/http"
	"time"
)

// entryMagic starts every stored entry: three bytes of name and one of
// format version. A store shared with other programs, or an entry written
// by an older version of this package, is then a miss, not a misreading.
const entryMagic = "vhc\x01"

// errCorrupt is what decodeEntry returns for bytes it did not write.
var errCorrupt = errors.New("httpcache: corrupt entry")

// An entry is what the cache stores under a key: either a response, or,
// under a URL's primary key when the response varied, the marker naming
// the request headers it varied on (status 0, vary set). The variants
// themselves are stored under their varyKey.
type entry struct {
	status     int
	header     http.Header
	body       []byte
	stored     time.Time     // when the response was received
	lifetime   time.Duration // how long it is fresh, counted from its age 0
	initialAge time.Duration // its age when received (an Age header from upstream)
	vary       []string      // the names the response varies on
}

// age returns e's age at now: what it had when stored, plus the time since.
func (e *entry) age(now time.Time) time.Duration {
	return e.initialAge + now.Sub(e.stored)
}

// encode returns e in the stored format: the magic, the three times as
// varints (nanoseconds), the status, the vary names, the header fields
// (name, number of values, values) and the body, each string preceded by
// its length.
func (e *entry) encode() []byte {
	n := len(entryMagic) + 4*binary.MaxVarintLen64 + len(e.body)
	for k, vs := range e.header {
		n += len(k) + 2*binary.MaxVarintLen64
		for _, v := range vs {
			n += len(v) + binary.MaxVarintLen64
		}
	}
	b := make([]byte, 0, n)
	b = append(b, entryMagic...)
	b = binary.AppendVarint(b, e.stored.UnixNano())
	b = binary.AppendVarint(b, int64(e.lifetime))
	b = binary.AppendVarint(b, int64(e.initialAge))
	b = binary.AppendUvarint(b, uint64(e.status))
	b = binary.AppendUvarint(b, uint64(len(e.vary)))
	for _, name := range e.vary {
		b = appendString(b, name)
	}
	b = binary.AppendUvarint(b, uint64(len(e.header)))
	for k, vs := range e.header {
		b = appendString(b, k)
		b = binary.AppendUvarint(b, uint64(len(vs)))
		for _, v := range vs {
			b = appendString(b, v)
		}
	}
	b = binary.AppendUvarint(b, uint64(len(e.body)))
	return append(b, e.body...)
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// decodeEntry reads what encode wrote; the body it returns shares b's
// memory. Anything else (another magic or
// version, a length past the end, bytes left over) is errCorrupt, never a
// panic: a store is outside the program and may hold anything.
func decodeEntry(b []byte) (*entry, error) {
	d := decoder{b: b}
	if string(d.bytes(len(entryMagic))) != entryMagic {
		return nil, errCorrupt
	}
	e := &entry{
		stored:     time.Unix(0, d.varint()),
		lifetime:   time.Duration(d.varint()),
		initialAge: time.Duration(d.varint()),
	}
	status := d.uvarint()
	if status > 999 {
		return nil, errCorrupt
	}
	e.status = int(status)
	nv := d.count()
	for range nv {
		e.vary = append(e.vary, d.string())
	}
	nh := d.count()
	e.header = make(http.Header, nh)
	for range nh {
		k := d.string()
		nvals := d.count()
		vs := make([]string, 0, nvals)
		for range nvals {
			vs = append(vs, d.string())
		}
		e.header[k] = vs
	}
	e.body = d.bytes(d.count()) // shares b, which the caller owns
	if d.err || len(d.b) != 0 {
		return nil, errCorrupt
	}
	return e, nil
}

// A decoder reads from b; after the first error every read returns zero
// values and err stays true, so decodeEntry checks once at the end.
type decoder struct {
	b   []byte
	err bool
}

func (d *decoder) bytes(n int) []byte {
	if d.err || n < 0 || n > len(d.b) {
		d.err = true
		return nil
	}
	p := d.b[:n]
	d.b = d.b[n:]
	return p
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if d.err || n <= 0 {
		d.err = true
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if d.err || n <= 0 {
		d.err = true
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a number of items that follow: each takes at least one
// byte, so a count beyond the bytes left is corrupt (and cannot make the
// decoder allocate a huge slice).
func (d *decoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.err = true
		return 0
	}
	return int(n)
}

func (d *decoder) string() string {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.err = true
		return ""
	}
	return string(d.bytes(int(n)))
}
