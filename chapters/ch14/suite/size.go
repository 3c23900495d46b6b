package suite

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// units maps an upper-cased unit to its multiplier: SI units are powers of 1000, IEC units
// powers of 1024, and no unit means bytes.
var units = map[string]int64{
	"":    1,
	"B":   1,
	"KB":  1000,
	"MB":  1000 * 1000,
	"GB":  1000 * 1000 * 1000,
	"KIB": 1 << 10,
	"MIB": 1 << 20,
	"GIB": 1 << 30,
}

// ParseSize reads a byte size such as "512", "10KB", "4 MiB" or " 1gb ": a whole number, then
// an optional unit (B, KB, MB, GB in powers of 1000; KiB, MiB, GiB in powers of 1024), in any
// case, with spaces allowed around the input and between the number and the unit. Negative
// numbers, fractions, unknown units and sizes beyond an int64 are errors.
func ParseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	digits := 0
	for digits < len(s) && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	if digits == 0 {
		return 0, fmt.Errorf("size %q: want a whole number first", s)
	}
	n, err := strconv.ParseInt(s[:digits], 10, 64)
	if err != nil {
		return 0, fmt.Errorf("size %q: %w", s, err)
	}
	unit := strings.ToUpper(strings.TrimSpace(s[digits:]))
	mul, ok := units[unit]
	if !ok {
		return 0, fmt.Errorf("size %q: unknown unit %q", s, s[digits:])
	}
	if n > math.MaxInt64/mul {
		return 0, fmt.Errorf("size %q: larger than %d bytes", s, int64(math.MaxInt64))
	}
	return n * mul, nil
}
