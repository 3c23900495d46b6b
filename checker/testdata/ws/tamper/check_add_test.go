package tamper

import "testing"

func TestAdd(t *testing.T) {}
