package learnbench

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// A Suite is one library learn bench measures, and the groups (benchmarks) that measure it.
type Suite struct {
	Package string  // the workspace package and the library: "velocy"
	API     string  // what the benchmark calls, for messages
	Groups  []Group // in the order they are shown
	needs   []*regexp.Regexp
}

// A Group is one benchmark: the same work for every contender, and the lesson section that
// explains its numbers.
type Group struct {
	Name   string // the program's name for it: "router-static"
	Title  string // a line saying what one op does
	Lesson string // a lesson file under chapters/ and its anchor
}

// Suites are the libraries learn bench knows, in the order it runs them.
var Suites = []Suite{
	{
		Package: "velocy",
		API:     "velocy.New() and (*Router).Handle(method, pattern, http.Handler)",
		needs: []*regexp.Regexp{
			regexp.MustCompile(`(?m)^func New\(\) \*Router \{`),
			regexp.MustCompile(`(?m)^func \(\w+ \*Router\) Handle\(method, pattern string, \w+ http\.Handler\)`),
		},
		Groups: []Group{
			{"router-static", "Router: GET /user/repos, a static route among the 203 GitHub API routes",
				"ch06/06.09-dynamic-routing.md#a-map-for-the-static-paths"},
			{"router-param", "Router: GET /repos/{owner}/{repo}/stargazers, two path values to set",
				"ch06/06.09-dynamic-routing.md#where-path-values-live"},
			{"router-github", "Router: the 203 GitHub API routes, one fresh request each per op",
				"ch06/06.09-dynamic-routing.md#the-numbers"},
		},
	},
	{
		Package: "logtar",
		API:     "logtar.New(logtar.NewConfig().WithWriter(w)), (*Logger).LogAttrs, Debug and Close",
		needs: []*regexp.Regexp{
			regexp.MustCompile(`(?m)^func New\(\w+ Config\) \(\*Logger, error\)`),
			regexp.MustCompile(`(?m)^func NewConfig\(\) Config`),
			regexp.MustCompile(`(?m)^func \(\w+ Config\) WithWriter\(`),
			regexp.MustCompile(`(?m)^func \(\w+ \*Logger\) LogAttrs\(`),
			regexp.MustCompile(`(?m)^func \(\w+ \*Logger\) Debug\(`),
			regexp.MustCompile(`(?m)^func \(\w+ \*Logger\) Close\(\) error`),
		},
		Groups: []Group{
			{"logger-ten-fields", "Logger: one JSON line with ten typed fields, to io.Discard",
				"ch04/04.06-in-production.md#the-finished-library-measured"},
			{"logger-disabled", "Logger: a Debug line on a logger at level Info",
				"ch04/04.02-writing-logs.md#the-simplest-logger-that-works"},
		},
	},
}

// suite returns the suite of a package.
func suite(pkg string) (Suite, bool) {
	i := slices.IndexFunc(Suites, func(s Suite) bool { return s.Package == pkg })
	if i < 0 {
		return Suite{}, false
	}
	return Suites[i], true
}

// Select returns the packages that arg names: every suite for "", the package itself for
// "velocy" or "logtar", and for a step id or a prefix of some (as learn check takes them) the
// package those steps build, which must be one learn bench measures.
func Select(book *steps.Book, arg string) ([]string, error) {
	if arg == "" {
		var all []string
		for _, s := range Suites {
			all = append(all, s.Package)
		}
		return all, nil
	}
	if _, ok := suite(arg); ok {
		return []string{arg}, nil
	}
	var pkgs []string
	if s, err := book.Find(arg); err == nil {
		pkgs = []string{s.Package}
	} else {
		prefix := steps.Canonical(arg)
		for _, s := range book.Steps {
			if strings.HasPrefix(s.ID, prefix) && !slices.Contains(pkgs, s.Package) {
				pkgs = append(pkgs, s.Package)
			}
		}
		if len(pkgs) == 0 {
			return nil, fmt.Errorf("bench: %q is neither a step (learn list shows them) nor velocy or logtar", arg)
		}
	}
	var out []string
	for _, p := range pkgs {
		if _, ok := suite(p); ok {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("bench: %q builds %s; learn bench measures velocy (chapter 6) and logtar (chapter 4)",
			arg, strings.Join(pkgs, " and "))
	}
	return out, nil
}

// FirstStep returns the first step of pkg's line after which the reference has every
// declaration the benchmark calls: the step a learner must finish before learn bench can
// measure their package. It returns nil if no step does (a book without the library).
func FirstStep(book *steps.Book, pkg string) *steps.Step {
	su, ok := suite(pkg)
	if !ok {
		return nil
	}
	for _, s := range book.Package(pkg) {
		if hasAll(book.StateAfter(pkg, s), pkg, su.needs) {
			return s
		}
	}
	return nil
}

// hasAll reports whether the non-test Go files of pkg in state declare everything in needs.
func hasAll(state map[string][]byte, pkg string, needs []*regexp.Regexp) bool {
	var src strings.Builder
	for p, data := range state {
		if rest, ok := strings.CutPrefix(p, pkg+"/"); ok && isSource(rest) {
			src.Write(data)
			src.WriteByte('\n')
		}
	}
	for _, re := range needs {
		if !re.MatchString(src.String()) {
			return false
		}
	}
	return true
}

// isSource reports whether a file name, relative to its package folder, is a non-test Go file
// of the package itself.
func isSource(name string) bool {
	return !strings.Contains(name, "/") && strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go")
}
