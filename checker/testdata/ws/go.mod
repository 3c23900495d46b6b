module workspace

go 1.25
