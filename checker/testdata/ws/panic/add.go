package panic

// Add panics.
func Add(a, b int) int {
	var m map[int]int
	m[a] = b
	return 0
}
