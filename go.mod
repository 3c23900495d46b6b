module github.com/learn-go-hard-way/learn-go-hard-way

go 1.25

require (
	github.com/fsnotify/fsnotify v1.10.1 // indirect
	github.com/yuin/goldmark v1.8.7 // indirect
	golang.org/x/sys v0.13.0 // indirect
)
