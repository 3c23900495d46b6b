module github.com/learn-go-hard-way/learn-go-hard-way/velocy/ws/interop

go 1.26.0

replace github.com/learn-go-hard-way/learn-go-hard-way => ../../..

require (
	github.com/coder/websocket v1.8.15
	github.com/gorilla/websocket v1.5.3
	github.com/learn-go-hard-way/learn-go-hard-way v0.0.0-00010101000000-000000000000
)
