package flood

import "fmt"

// Add prints forever.
func Add(a, b int) int {
	for i := 0; ; i++ {
		fmt.Println("still adding", i)
	}
}
