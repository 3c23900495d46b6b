package password

// Dummy returns a hash of a random password that nobody knows, made with
// [DefaultParams] on the first call and the same on every call after.
// A login verifies against it when the user name is unknown, so that
// "no such user" costs the same PBKDF2 as "wrong password" and the time
// an answer takes does not tell which accounts exist:
//
//	hash := password.Dummy()
//	if found {
//		hash = user.Hash
//	}
//	ok, _ := password.Verify(typed, hash)
//	if !found || !ok {
//		// one answer for both
//	}
func Dummy() string {
	// TODO(13.06): hash a random password (crypto/rand.Text) with
	// DefaultParams once, on the first call (sync.OnceValue), and return
	// that same hash on every call.
	return ""
}
