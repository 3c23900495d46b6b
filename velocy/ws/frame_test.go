package ws

import (
	"bytes"
	"testing"
)

func TestParseHeader(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want frameHeader
		n    int
		err  *ProtocolError
	}{
		{"text 5 unmasked", []byte{0x81, 5}, frameHeader{fin: true, op: opText, length: 5}, 2, nil},
		{"binary 126", []byte{0x82, 126, 0, 126}, frameHeader{fin: true, op: opBinary, length: 126}, 4, nil},
		{"binary 65536 masked", []byte{0x02, 0xFF, 0, 0, 0, 0, 0, 1, 0, 0, 1, 2, 3, 4},
			frameHeader{op: opBinary, length: 65536, masked: true, key: [4]byte{1, 2, 3, 4}}, 14, nil},
		{"non-minimal 16-bit", []byte{0x82, 126, 0, 125}, frameHeader{}, 4, errNonMinimal},
		{"non-minimal 64-bit", []byte{0x82, 127, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF}, frameHeader{}, 10, errNonMinimal},
		{"64-bit MSB", []byte{0x82, 127, 0x80, 0, 0, 0, 0, 0, 0, 0}, frameHeader{}, 10, errLengthMSB},
		{"rsv1", []byte{0xC1, 0}, frameHeader{}, 2, errRSV},
		{"rsv3", []byte{0x91, 0}, frameHeader{}, 2, errRSV},
		{"opcode 3", []byte{0x83, 0}, frameHeader{}, 2, errOpcode},
		{"opcode 0xF", []byte{0x8F, 0}, frameHeader{}, 2, errOpcode},
		{"ping 126", []byte{0x89, 126, 0, 126}, frameHeader{}, 4, errControlLen},
		{"fragmented ping", []byte{0x09, 0}, frameHeader{}, 2, errControlFrag},
	}
	for _, tt := range tests {
		h, n, err := parseHeader(tt.in)
		if err != tt.err || n != tt.n || (err == nil && h != tt.want) {
			t.Errorf("%s: parseHeader = %+v, %d, %v; want %+v, %d, %v", tt.name, h, n, err, tt.want, tt.n, tt.err)
		}
		if headerLen(tt.in[1]) != tt.n {
			t.Errorf("%s: headerLen = %d, want %d", tt.name, headerLen(tt.in[1]), tt.n)
		}
	}
}

func TestPutHeaderRoundTrip(t *testing.T) {
	for _, length := range []int64{0, 1, 125, 126, 127, 65535, 65536, 1 << 40} {
		for _, masked := range []bool{false, true} {
			h := frameHeader{fin: length%2 == 0, op: opBinary, length: length, masked: masked}
			if masked {
				h.key = [4]byte{9, 8, 7, 6}
			}
			var buf [maxHeaderLen]byte
			n := putHeader(buf[:], h)
			if n != encodedHeaderLen(length, masked) {
				t.Fatalf("length %d: putHeader wrote %d bytes, encodedHeaderLen says %d", length, n, encodedHeaderLen(length, masked))
			}
			got, m, err := parseHeader(buf[:n])
			if err != nil || m != n || got != h {
				t.Fatalf("length %d masked %v: parsed %+v, %d, %v; want %+v, %d", length, masked, got, m, err, h, n)
			}
			var again [maxHeaderLen]byte
			if !bytes.Equal(again[:putHeader(again[:], got)], buf[:n]) {
				t.Fatal("re-encoding differs")
			}
		}
	}
}
