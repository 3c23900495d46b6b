module github.com/learn-go-hard-way/learn-go-hard-way

go 1.25

require github.com/yuin/goldmark v1.8.7 // indirect
