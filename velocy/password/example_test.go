package password_test

import (
	"fmt"
	"strings"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/password"
)

func Example() {
	// Tests and examples use few iterations; a server uses password.Hash,
	// with DefaultParams.
	p := password.Params{Iterations: 1000, SaltLen: 16, KeyLen: 32}
	stored, err := p.Hash("correct horse battery staple")
	if err != nil {
		panic(err)
	}
	fmt.Println(strings.HasPrefix(stored, "$pbkdf2-sha256$i=1000$"))

	ok, err := password.Verify("correct horse battery staple", stored)
	fmt.Println(ok, err)
	ok, err = password.Verify("Tr0ub4dor&3", stored)
	fmt.Println(ok, err)

	// At the next successful login, the weaker hash is replaced.
	fmt.Println(password.NeedsRehash(stored))
	// Output:
	// true
	// true <nil>
	// false <nil>
	// true
}
