package testkit

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
)

// AgreeQuery runs parse on raw and compares its answer with the oracle, net/url's ParseQuery:
// both must fail, or both must succeed with the same keys and values in the same order. It
// returns nil when they agree, and otherwise an error that shows both answers. A panic in
// parse is caught and returned as an error, so a fuzz target built on AgreeQuery reports the
// input that crashed.
func AgreeQuery(parse func(string) (map[string][]string, error), raw string) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("parse(%q) panicked: %v", raw, p)
		}
	}()
	got, gotErr := parse(raw)
	want, wantErr := url.ParseQuery(raw)
	switch {
	case gotErr != nil && wantErr == nil:
		return fmt.Errorf("parse(%q) failed (%v), the oracle accepts it: %q", raw, gotErr, want)
	case gotErr == nil && wantErr != nil:
		return fmt.Errorf("parse(%q) = %q, the oracle refuses it: %v", raw, got, wantErr)
	case gotErr == nil && !maps.EqualFunc(got, map[string][]string(want), slices.Equal):
		return fmt.Errorf("parse(%q) = %q, the oracle says %q", raw, got, want)
	}
	return nil
}
