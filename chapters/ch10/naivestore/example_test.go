package naivestore_test

import (
	"fmt"
	"log"
	"path/filepath"
	"strconv"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters/ch10/naivestore"
)

func Example() {
	path := filepath.Join(exampleDir(), "settings.json")
	s, err := naivestore.Open(path) // no file yet: an empty store
	if err != nil {
		log.Fatal(err)
	}
	if err := s.Put("theme", "dark"); err != nil {
		log.Fatal(err)
	}
	for range 3 {
		err := s.Update("visits", func(old string, _ bool) string {
			n, _ := strconv.Atoi(old) // "" (no value yet) gives 0
			return strconv.Itoa(n + 1)
		})
		if err != nil {
			log.Fatal(err)
		}
	}

	again, err := naivestore.Open(path) // what the file holds
	if err != nil {
		log.Fatal(err)
	}
	theme, _ := again.Get("theme")
	visits, _ := again.Get("visits")
	fmt.Println(theme, visits)
	// Output: dark 3
}
