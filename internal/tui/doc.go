// Package tui is the learn program's terminal interface: the step list, the lesson pager and
// the check results, built with Bubble Tea (v1). It is the only package that imports the charm
// libraries. [Run] is its entry point.
//
// # Screens
//
// The main screen has two panes. On the left, the step list: a progress bar, then every chapter
// (opens its README), its lessons and each lesson's steps, with a mark per step (✓ done,
// ▸ current, ✗ failing, · to do). On the right, the open lesson, rendered from markdown, with a
// title bar naming the selected step (the one c, w, h, s, r and e act on) and the scroll
// position. A step callout in the lesson is drawn in a frame that shows the step's state and
// the file to edit. Under the lesson, a panel shows the last check's verdicts or a hint. At the
// bottom, a status line (messages, warnings, questions, the search being typed) and an
// always-visible key line drawn from the same key map that Update matches against; when it
// does not fit, the least needed keys go, so it never wraps. Every pane has a title line; the
// one with the focus (tab moves it) starts with ▶ and, for the step list and the panel, is
// drawn with a heavy rule, so the focus is visible without colour.
//
// Two screens cover the panes: ? (every key) and the solution diff (s). Questions that change
// files (showing a solution before passing, applying it, resetting) wait in the status line for
// y or n. Every screen is reachable by keyboard; the mouse wheel scrolls the pane under it.
//
// # Keys
//
// n is "next step", except while a search is active: after /, a query and enter, n and N move
// between matches and the key line says so; esc ends the search and n is the next step again.
// p is always the previous step.
//
// # Rendering
//
// A lesson is cut into pieces (see document.go): at every heading, and around every code fence and
// step callout. Prose and callouts are at most 100 columns wide, left-aligned; code blocks and
// diagrams are never wrapped, only cut at the pane's edge. Hints are small documents, rendered the
// same way. Opening a lesson or resizing composes it at once from raw text, wrapped, so the pane
// is never blank; then commands render one piece at a time with glamour, the visible pieces first,
// then those below, then those above, each result replacing its raw stand-in. Renders are cached
// per (file, piece, width laid out at): prose at most 100, so on a wide terminal a resize only
// cuts code blocks anew, and rendered code blocks are kept by their text, since they render the
// same at every width. One glamour renderer is kept per wrap width. A view position is a line
// within a piece, so it stays put as pieces above it change length.
//
// Text from outside the TUI (the book, hints, test output, diffs, messages) is cleaned as it
// comes in: tabs expand to the next multiple of 4 columns and control characters go. Every line
// drawn passes through fit, which cleans it again (only SGR colour sequences survive) and
// makes it exactly as wide as its pane, so no text can move the cursor or spill over.
//
// # Concurrency
//
// Update never blocks. Checks, renders, file I/O and the editor run as commands, and their
// results come back as messages. The workbook is not safe for concurrent use, so every
// workbook call runs in a command holding one lock, and the model keeps its own copy of each
// step's state, updated from those messages. c (or a save in watch mode) during a check queues
// one more check, which runs when the first ends and whose verdict replaces it. Quitting
// cancels a running check and waits for it to stop, saying so in the status line; [Run] then
// takes the lock (waiting for the command that holds it) and saves the selected step as the
// one to resume at.
//
// # Colour
//
// NO_COLOR (or Options.NoColor) selects the Ascii colour profile and glamour's notty style:
// the screen carries no escape codes at all. Marks differ in shape, not only colour, and the
// current search match is shown «like this».
package tui
