package author

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

var newID = regexp.MustCompile(`^\d\d\.\d\d-[a-z0-9]+(-[a-z0-9]+)*$`)

// New scaffolds step id right after step after in book order, in package pkg (empty: after's):
// step.json, hints.md, a failing check to fill in, and a _solution/ holding the package as it
// stands before the new step, so the author edits only what changes (Sync then drops the files
// left unchanged). It inserts id into order.txt.
func (r *Repo) New(id, after, pkg, title string) ([]Change, error) {
	if !newID.MatchString(id) {
		return nil, fmt.Errorf("new: %q is not a step id like 06.09-param-node (two-digit chapter and section)", id)
	}
	if _, ok := r.Book.ByID(id); ok {
		return nil, fmt.Errorf("new: step %s exists", id)
	}
	prev, err := r.Book.Find(after)
	if err != nil {
		return nil, err
	}
	if pkg == "" {
		pkg = prev.Package
	}
	if title == "" {
		title = "TODO: an imperative title"
	}
	dir := filepath.Join(r.Root, "steps", id)
	if _, err := os.Stat(dir); err == nil {
		return nil, fmt.Errorf("new: %s exists", dir)
	}
	var changes []Change
	put := func(rel string, data []byte) error {
		full := filepath.Join(r.Root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		changes = append(changes, Change{rel, "wrote"})
		return os.WriteFile(full, data, 0o644)
	}
	meta, _ := json.MarshalIndent(map[string]string{
		"title":   title,
		"lesson":  prev.Lesson + "#" + prev.Anchor,
		"package": pkg,
	}, "", "  ")
	base := path.Join("steps", id)
	if err := put(path.Join(base, "step.json"), append(meta, '\n')); err != nil {
		return changes, err
	}
	hints := "TODO: a nudge: what to look at.\n---\nTODO: nearly the answer: the core of it, with the starter's names.\n"
	if err := put(path.Join(base, "hints.md"), []byte(hints)); err != nil {
		return changes, err
	}
	// The state of pkg right before the new step: after the last step of pkg up to after.
	var last *steps.Step
	for _, t := range r.Book.Package(pkg) {
		if t.Index <= prev.Index {
			last = t
		}
	}
	for p, data := range r.Book.StateAfter(pkg, last) {
		if strings.HasPrefix(p, pkg+"/") {
			if err := put(path.Join(base, "_solution", p), data); err != nil {
				return changes, err
			}
		}
	}
	name := strings.ReplaceAll(id[strings.IndexByte(id, '-')+1:], "-", "_")
	check := fmt.Sprintf("package %s\n\nimport \"testing\"\n\n// TODO(author): check what step %s adds, with a message that names what is missing.\n"+
		"func Test%s(t *testing.T) {\n\tt.Error(\"TODO: this check does not check anything yet\")\n}\n",
		path.Base(pkg), id, exported(name))
	if err := put(path.Join(base, "_check", pkg, "check_"+name+"_test.go"), []byte(check)); err != nil {
		return changes, err
	}
	// order.txt: right after prev.
	order, err := os.ReadFile(filepath.Join(r.Root, "steps", "order.txt"))
	if err != nil {
		return changes, err
	}
	lines := strings.SplitAfter(string(order), "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) == prev.ID {
			lines = append(lines[:i+1], append([]string{id + "\n"}, lines[i+1:]...)...)
			break
		}
	}
	if err := put("steps/order.txt", []byte(strings.Join(lines, ""))); err != nil {
		return changes, err
	}
	return changes, nil
}

// exported turns "param_node" into "ParamNode".
func exported(s string) string {
	var b strings.Builder
	for _, w := range strings.Split(s, "_") {
		if w != "" {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}
