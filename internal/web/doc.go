// Package web is the book on the web: every chapter and lesson rendered to HTML with goldmark,
// served by the project's own libraries (velocy's Router and velocy/middleware, with logtar
// behind the access log's slog.Logger) for learn serve, or written out as a static site for
// learn export html.
//
// A Site is built once from the book ([New]); its pages share a layout with a sidebar of
// chapters, lessons and steps, previous and next links, dark and light themes and a search box.
// Headings carry the anchors internal/lesson computes, so a lesson's link to
// "12.02-counters-gauges-histograms.md#your-turn-a-counter" lands on the same heading in the
// browser; links to other lessons become links to their pages, images under the repository's
// assets folder are served from [Options.Assets], and links to the repository's code become
// pages showing that code when [Options.Source] is given (plain text otherwise).
//
// [Site.Handler] serves the site and, given a workbook, the learner's progress marks and a
// "Check this step" button in every step callout: a POST that runs the same check learn check
// runs, one at a time, same-origin only. [Site.Export] writes the same pages with relative links,
// a search index and the script that searches it, so the folder can be hosted anywhere or
// opened from disk.
package web
