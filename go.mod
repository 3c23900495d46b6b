module github.com/learn-go-hard-way/learn-go-hard-way

go 1.25
