package sse_test

import (
	"fmt"
	"os"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters/ch11/sse"
)

func ExampleWriteEvent() {
	e := sse.Event{ID: "42", Name: "message", Data: "first line\nsecond line"}
	if err := sse.WriteEvent(os.Stdout, e); err != nil {
		fmt.Println(err)
	}
	// A line break in the id would start a field of its own: refused.
	err := sse.WriteEvent(os.Stdout, sse.Event{ID: "7\ndata: forged"})
	fmt.Println(err)
	// Output:
	// id: 42
	// event: message
	// data: first line
	// data: second line
	//
	// sse: a line break in an event's id or name
}
