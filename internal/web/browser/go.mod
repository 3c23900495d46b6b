module github.com/learn-go-hard-way/learn-go-hard-way/internal/web/browser

go 1.26.0

replace github.com/learn-go-hard-way/learn-go-hard-way => ../../..

require (
	github.com/chromedp/chromedp v0.23.1
	github.com/learn-go-hard-way/learn-go-hard-way v0.0.0-00010101000000-000000000000
)

require (
	github.com/chromedp/cdproto v0.160.1 // indirect
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
	github.com/yuin/goldmark v1.8.7 // indirect
)
