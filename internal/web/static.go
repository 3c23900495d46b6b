package web

import "embed"

// staticFiles holds the site's own style sheet and scripts, written by hand, small, and without
// frameworks: the pages work without them except for search in the export, the check button
// and the theme switch.
//
//go:embed static/style.css static/app.js static/theme.js
var staticFiles embed.FS
