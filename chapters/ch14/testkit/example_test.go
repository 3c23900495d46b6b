package testkit_test

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters/ch14/testkit"
)

func ExampleDiff() {
	fmt.Println(testkit.Diff("a = 1\nb = 2\n", "a = 1\nb = 3\n"))
	// Output:
	// line 2:
	//   want: "b = 2"
	//   got:  "b = 3"
}

func ExampleScrub() {
	fmt.Println(testkit.Scrub("2026-12-03T08:51:02.113Z GET /notes 201 1.204ms id=4f9c2a7d1e0b3c58 127.0.0.1:40155"))
	// Output: <TIME> GET /notes 201 <DUR> id=<ID> 127.0.0.1:<PORT>
}

func ExampleAgreeQuery() {
	keepsPlus := func(s string) (map[string][]string, error) {
		return url.ParseQuery(strings.ReplaceAll(s, "+", "%2B")) // the bug: '+' is kept
	}
	fmt.Println(testkit.AgreeQuery(keepsPlus, "a=1"))
	fmt.Println(testkit.AgreeQuery(keepsPlus, "a=x+y"))
	// Output:
	// <nil>
	// parse("a=x+y") = map["a":["x+y"]], the oracle says map["a":["x y"]]
}

func ExampleMedian() {
	runs := []float64{29.27, 37.98, 25.87} // ns/op of one benchmark, three runs
	fmt.Println(testkit.Median(runs))
	fmt.Printf("%.2f\n", testkit.Ratio(runs, []float64{521.8, 474.7, 691.2}))
	// Output:
	// 29.27
	// 17.83
}
