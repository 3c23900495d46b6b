package vet

import "fmt"

// Add compiles but misuses a format verb.
func Add(a, b int) int {
	_ = fmt.Sprintf("%d", "two")
	return a + b
}
