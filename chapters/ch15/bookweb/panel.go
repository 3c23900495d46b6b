package bookweb

import (
	"bytes"
	"html/template"
)

// panel is the part of a page that lists its steps, each with a check button, and the script
// that posts a button's check and shows every verdict /live pushes: a check pressed in one tab
// shows in all of them. Root is the way up to the site's root, as in the layout.
var panel = template.Must(template.New("panel").Parse(`{{with .Steps}}<aside><h2>Steps on this page</h2><ul>{{range .}}
<li><button type="button" data-step="{{.}}">Check {{.}}</button> <output id="verdict-{{.}}"></output></li>{{end}}
</ul></aside>{{end}}
<script>
const root = {{.Root}};
function show(v) {
  const out = document.getElementById("verdict-" + v.step);
  if (out) out.textContent = (v.passed ? "passed: " : "not yet: ") + v.headline;
}
for (const b of document.querySelectorAll("button[data-step]")) {
  b.addEventListener("click", async () => {
    b.disabled = true;
    try {
      const r = await fetch(root + "check/" + b.dataset.step, {method: "POST"});
      if (r.ok) show(await r.json());
      else document.getElementById("verdict-" + b.dataset.step).textContent = r.status + ": " + await r.text();
    } finally { b.disabled = false; }
  });
}
const live = new WebSocket(new URL(root + "live", location.href).href.replace(/^http/, "ws"));
live.onmessage = (m) => show(JSON.parse(m.data));
</script>`))

// stepPanel returns the panel of a page whose steps are steps, root being the way up to the
// site's root. The layout puts it after the page's body.
func stepPanel(root string, steps []string) template.HTML {
	var buf bytes.Buffer
	if err := panel.Execute(&buf, struct {
		Root  string
		Steps []string
	}{root, steps}); err != nil {
		return "" // the template is fixed and its data plain: this does not happen
	}
	return template.HTML(buf.String())
}
