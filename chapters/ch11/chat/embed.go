package main

import "embed"

// pageFS is the chat page: index.html, chat.js and chat.css, built into
// the binary.
//
//go:embed page
var pageFS embed.FS
