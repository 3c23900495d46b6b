package suite

import "testing"

func TestParseSize(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    int64
		wantErr bool
	}{
		{name: "bytes", in: "512", want: 512},
		{name: "unit B", in: "7B", want: 7},
		{name: "SI kilo", in: "10KB", want: 10_000},
		{name: "IEC kibi", in: "10KiB", want: 10_240},
		{name: "IEC mebi with space", in: "4 MiB", want: 4 << 20},
		{name: "lower case", in: "1gb", want: 1_000_000_000},
		{name: "spaces around", in: "  3 kb  ", want: 3000},
		{name: "largest", in: "9223372036854775807", want: 9223372036854775807},
		{name: "empty", in: "", wantErr: true},
		{name: "negative", in: "-5KB", wantErr: true},
		{name: "fraction", in: "1.5MB", wantErr: true},
		{name: "unknown unit", in: "10XB", wantErr: true},
		{name: "overflow after the unit", in: "9223372036854775807KB", wantErr: true},
		{name: "overflow of the number", in: "99999999999999999999", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseSize(tt.in)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("ParseSize(%q) = %d, want an error", tt.in, got)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseSize(%q) = %d, %v; want %d, nil", tt.in, got, err, tt.want)
			}
		})
	}
}
