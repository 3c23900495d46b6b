package tui

import "github.com/charmbracelet/bubbles/key"

// keyMap is every key the TUI answers to. Update matches keys against these bindings and the
// key line and the ? screen are drawn from them, so the help never disagrees with the code.
type keyMap struct {
	Up, Down, PageUp, PageDown, HalfUp, HalfDown, Top, Bottom key.Binding
	Focus, FocusTree, FocusLesson, Open, Tree                 key.Binding
	PrevHeading, NextHeading                                  key.Binding
	Search, NextMatch, PrevMatch                              key.Binding
	Check, Watch, Hint, Solution, Reset, Edit, Start          key.Binding
	NextStep, PrevStep                                        key.Binding
	Apply, Yes, No, Back, Help, Quit                          key.Binding
}

func defaultKeyMap() keyMap {
	b := func(keys []string, helpKey, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, desc))
	}
	return keyMap{
		Up:          b([]string{"up", "k"}, "↑/k", "move up / scroll up"),
		Down:        b([]string{"down", "j"}, "↓/j", "move down / scroll down"),
		PageUp:      b([]string{"pgup", "b"}, "pgup/b", "page up"),
		PageDown:    b([]string{"pgdown", " ", "f"}, "pgdn/space", "page down"),
		HalfUp:      b([]string{"ctrl+u"}, "ctrl+u", "half a page up"),
		HalfDown:    b([]string{"ctrl+d"}, "ctrl+d", "half a page down"),
		Top:         b([]string{"home", "g"}, "g/home", "go to the top"),
		Bottom:      b([]string{"end", "G"}, "G/end", "go to the bottom"),
		Focus:       b([]string{"tab", "shift+tab"}, "tab", "switch pane (steps, lesson, result)"),
		FocusTree:   b([]string{"left"}, "←", "focus the step list"),
		FocusLesson: b([]string{"right"}, "→", "focus the lesson"),
		Open:        b([]string{"enter"}, "enter", "open the selected chapter, lesson or step"),
		Tree:        b([]string{"t"}, "t", "hide or show the step list (wider lesson)"),
		PrevHeading: b([]string{"["}, "[", "previous heading"),
		NextHeading: b([]string{"]"}, "]", "next heading"),
		Search:      b([]string{"/"}, "/", "search the lesson"),
		NextMatch:   b([]string{"n"}, "n", "next match (while a search is active)"),
		PrevMatch:   b([]string{"N"}, "N", "previous match"),
		Check:       b([]string{"c"}, "c", "check this step (and the earlier ones it builds on)"),
		Watch:       b([]string{"w"}, "w", "watch: re-check on every save"),
		Hint:        b([]string{"h"}, "h", "next hint"),
		Solution:    b([]string{"s"}, "s", "the reference solution as a diff against your file"),
		Reset:       b([]string{"r"}, "r", "reset this step's files (keeps a backup)"),
		Edit:        b([]string{"e"}, "e", "open the step's file in $EDITOR"),
		Start:       b([]string{"o"}, "o", "start the step: put its files in your workspace (c and e do too)"),
		NextStep:    b([]string{"n"}, "n", "next step (when no search is active)"),
		PrevStep:    b([]string{"p"}, "p", "previous step"),
		Apply:       b([]string{"a"}, "a", "apply the reference solution (asks first)"),
		Yes:         b([]string{"y", "Y"}, "y", "yes"),
		No:          b([]string{"n", "N", "esc"}, "n/esc", "no"),
		Back:        b([]string{"esc"}, "esc", "back: clear the search, close the result or this screen"),
		Help:        b([]string{"?"}, "?", "all keys"),
		Quit:        b([]string{"q", "ctrl+c"}, "q", "quit (progress is saved)"),
	}
}

// helpGroup is one block of the ? screen.
type helpGroup struct {
	title string
	keys  []key.Binding
}

func (k keyMap) fullHelp() []helpGroup {
	return []helpGroup{
		{"Steps", []key.Binding{k.Check, k.Watch, k.Hint, k.Solution, k.Reset, k.Edit, k.Start, k.NextStep, k.PrevStep}},
		{"Lesson", []key.Binding{k.Search, k.NextMatch, k.PrevMatch, k.PrevHeading, k.NextHeading,
			k.Up, k.Down, k.PageUp, k.PageDown, k.HalfUp, k.HalfDown, k.Top, k.Bottom}},
		{"Panes", []key.Binding{k.Focus, k.FocusTree, k.FocusLesson, k.Open, k.Tree}},
		{"Anywhere", []key.Binding{k.Back, k.Help, k.Quit}},
	}
}

// A hintItem is one entry of the key line.
type hintItem struct{ key, desc string }

func item(b key.Binding, desc string) hintItem { return hintItem{b.Help().Key, desc} }
