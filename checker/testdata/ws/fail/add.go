package fail

import "fmt"

// Add is wrong on purpose.
func Add(a, b int) int {
	fmt.Println("adding", a, b)
	return a - b
}
