package chart_test

import (
	"fmt"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/chart"
)

func ExampleChart_Text() {
	c := chart.Chart{
		Title:  "Cost of a goroutine",
		Unit:   "ns",
		Labels: []string{"10", "1000"},
		Series: []chart.Series{{Name: "spawn", Values: []float64{800, 350}}},
	}
	out, err := c.Text(50)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(out)
	// Output:
	// Cost of a goroutine
	//
	//   10 │████████████████████████████████████ 800 ns
	// 1000 │███████████████▊                     350 ns
}
