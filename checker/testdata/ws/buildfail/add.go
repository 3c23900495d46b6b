package buildfail

// Add does not compile.
func Add(a, b int) int {
	return a + c
}
