// Package password stores passwords the way a server should: as a slow,
// salted hash, PBKDF2-HMAC-SHA256 from crypto/pbkdf2, encoded together
// with everything needed to check a password against it later:
//
//	$pbkdf2-sha256$i=600000$<salt>$<hash>
//
// The algorithm's name, the iteration count, then the salt and the
// derived key in unpadded standard base64, in the style of the PHC string
// format. The cost lives in the string, not in the code: a hash made
// years ago with fewer iterations still verifies, and [NeedsRehash] says
// when to replace it, which is done at the next successful login, the one
// moment the server holds the password:
//
//	ok, err := password.Verify(typed, user.Hash)
//	if err != nil || !ok {
//		// refuse; err means the stored hash is damaged, not a wrong password
//	}
//	if password.NeedsRehash(user.Hash) {
//		user.Hash, _ = password.Hash(typed) // save it
//	}
//
// [DefaultParams] follow OWASP's password storage advice for PBKDF2 (600,000
// iterations of HMAC-SHA256, a 16-byte salt); raise them as machines get
// faster. A decoder that reads stored hashes refuses anything outside
// fixed limits, so a damaged or planted hash costs an error, never minutes
// of CPU.
//
// Chapter 13 of learn-go-hard-way builds this package.
package password
