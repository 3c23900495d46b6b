// app.js: the theme switch, the check button, and search in the exported site. Everything else
// on the page works without it.
(function () {
  "use strict";
  var root = document.documentElement;

  // Theme: the system's preference until the reader picks one; the pick is kept in localStorage.
  var toggle = document.getElementById("theme-toggle");
  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var dark = root.dataset.theme ? root.dataset.theme === "dark"
        : window.matchMedia("(prefers-color-scheme: dark)").matches;
      root.dataset.theme = dark ? "light" : "dark";
      try { localStorage.setItem("theme", root.dataset.theme); } catch (e) {}
    });
  }

  // Check: post the form, show the verdict in the box, update the step's mark in the sidebar.
  document.querySelectorAll("form.check").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var button = form.querySelector("button"), out = form.querySelector("output");
      var step = form.closest("[data-step]").dataset.step;
      button.disabled = true;
      out.className = "verdict running";
      out.textContent = "checking…";
      fetch(form.action, { method: "POST", headers: { "Accept": "application/json" } })
        .then(function (res) {
          if (res.status === 429) throw new Error("another check is running; try again in a moment");
          if (!res.ok) return res.text().then(function (t) { throw new Error(t || res.statusText); });
          return res.json();
        })
        .then(function (v) {
          out.className = "verdict " + (v.passed ? "pass" : "fail");
          out.textContent = (v.passed ? "✓ " : "✗ ") + v.headline;
          if (v.details) {
            var pre = document.createElement("pre");
            pre.textContent = v.details;
            out.appendChild(pre);
          }
          if (v.warning) out.appendChild(document.createTextNode(" (" + v.warning + ")"));
          document.querySelectorAll('[data-mark="' + step + '"]').forEach(function (m) {
            m.className = "mark " + (v.passed ? "passed" : "failed");
            m.textContent = v.passed ? "✓" : "✗";
          });
        })
        .catch(function (err) {
          out.className = "verdict fail";
          out.textContent = "✗ " + err.message;
        })
        .finally(function () { button.disabled = false; });
    });
  });

  // Search in the exported site: the index is window.SEARCH_INDEX (search-index.js); the rules
  // are the server's (internal/web/search.go): every word must occur, heading words count more.
  var list = document.getElementById("search-results");
  if (list && list.dataset.static && window.SEARCH_INDEX) {
    var q = new URLSearchParams(location.search).get("q") || "";
    var status = document.getElementById("search-status");
    var terms = q.slice(0, 200).toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
    var hits = [];
    window.SEARCH_INDEX.forEach(function (e, i) {
      var lower = (e.h + "\n" + e.x).toLowerCase(), head = e.h.toLowerCase(), score = 0;
      for (var t of terms) {
        var n = count(lower, t);
        if (n === 0) { score = 0; break; }
        var h = count(head, t);
        score += Math.min(n - h, 20) + 10 * h;
      }
      if (score > 0) hits.push({ e: e, score: score, i: i });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.i - b.i; });
    hits = hits.slice(0, 50);
    status.textContent = terms.length === 0 ? "Type words to find in the search box above."
      : hits.length === 0 ? "No section holds every word of “" + q + "”."
      : hits.length + " sections hold every word of “" + q + "”.";
    hits.forEach(function (hit) {
      var li = document.createElement("li"), a = document.createElement("a"), p = document.createElement("p");
      a.href = hit.e.u;
      a.textContent = hit.e.p + (hit.e.h && hit.e.h !== hit.e.p ? " › " + hit.e.h : "");
      p.textContent = snippet(hit.e.x, terms[0]);
      li.append(a, p);
      list.appendChild(li);
    });
  }

  function count(s, t) {
    var n = 0, i = s.indexOf(t);
    while (i >= 0) { n++; i = s.indexOf(t, i + t.length); }
    return n;
  }

  function snippet(text, t) {
    var i = Math.max(0, text.toLowerCase().indexOf(t));
    var start = Math.max(0, i - 60), end = Math.min(text.length, i + 100);
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }
})();
