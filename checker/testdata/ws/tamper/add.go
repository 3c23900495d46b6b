package tamper

// Add is wrong, and the learner has emptied their copy of the check.
func Add(a, b int) int { return 0 }
