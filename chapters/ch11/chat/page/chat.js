// The chat page: sign in with a nickname, join a room, talk. The server
// keeps the session (an HttpOnly cookie this script never sees) and sends
// every message of the room, ours included, back on the WebSocket.
"use strict";

const $ = (id) => document.getElementById(id);
let socket = null;

function show(nick) {
  $("login").hidden = nick !== null;
  $("chat").hidden = nick === null;
  $("me").textContent = nick ?? "";
}

async function whoAmI() {
  const res = await fetch("/me");
  show(res.ok ? (await res.json()).nick : null);
}

$("login").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const res = await fetch("/login", {
    method: "POST",
    body: new URLSearchParams({ nickname: $("nick").value }),
  });
  if (!res.ok) {
    const problem = await res.json().catch(() => ({}));
    $("login-problem").textContent = problem.detail ?? res.statusText;
    return;
  }
  $("login-problem").textContent = "";
  show((await res.json()).nick);
});

$("logout").addEventListener("click", async () => {
  if (socket) socket.close(1000, "signed out");
  await fetch("/logout", { method: "POST" });
  show(null);
});

function setConnected(room) {
  $("status").textContent = room ? "in #" + room : "not connected";
  $("text").disabled = !room;
  $("send-button").disabled = !room;
}

function append(m) {
  const li = document.createElement("li");
  li.className = m.type;
  const at = document.createElement("time");
  at.dateTime = m.at;
  at.textContent = new Date(m.at).toLocaleTimeString();
  li.append(at);
  if (m.type === "message") {
    const from = document.createElement("strong");
    from.textContent = m.from + ": ";
    li.append(from);
  }
  li.append(document.createTextNode(m.text)); // text, never HTML
  li.dataset.from = m.from ?? "";
  $("messages").append(li);
  li.scrollIntoView({ block: "end" });
}

$("join").addEventListener("submit", (ev) => {
  ev.preventDefault();
  if (socket) socket.close(1000, "changing rooms");
  const room = $("room").value;
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const s = new WebSocket(`${scheme}//${location.host}/ws?room=${encodeURIComponent(room)}`);
  socket = s;
  $("messages").replaceChildren();
  s.addEventListener("open", () => setConnected(room));
  s.addEventListener("message", (ev) => append(JSON.parse(ev.data)));
  s.addEventListener("close", (ev) => {
    if (socket !== s) return;
    socket = null;
    setConnected(null);
    append({ type: "leave", text: `disconnected (${ev.code})`, at: new Date().toISOString() });
  });
});

$("send").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const text = $("text").value.trim();
  if (!text || !socket) return;
  socket.send(JSON.stringify({ text }));
  $("text").value = "";
});

whoAmI();
