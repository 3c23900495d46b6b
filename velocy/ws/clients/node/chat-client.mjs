// chat-client.mjs talks to the chapter 11 chat app with Node's ws package,
// a client written by other people than velocy/ws's: it is what tells us
// velocy/ws speaks RFC 6455, not merely its own dialect.
//
//	node chat-client.mjs http://127.0.0.1:8080
//
// It signs in two users, opens their sockets in one room and a third in
// another, and checks that messages (ASCII, multi-byte UTF-8, the longest
// allowed, one too long, one in fragments cut inside a character) reach
// whom they should; that no extension is agreed; that a socket without a
// session is refused with 401 and one from another origin with 403; that a
// message past the server's limit closes the socket with 1009; that a ping
// is answered; and that a close is answered with the same code. It
// prints what it checked and exits 0, or prints the first failure and
// exits 1. The whole run is bounded: after 20 s it fails.
import WebSocket from "ws";

const base = process.argv[2];
if (!base || !/^https?:\/\//.test(base)) {
  console.error("usage: node chat-client.mjs http://HOST:PORT");
  process.exit(2);
}
const wsBase = base.replace(/^http/, "ws");
const origin = new URL(base).origin;

const deadline = setTimeout(() => fail("timed out after 20 s"), 20_000);
deadline.unref();

function fail(why) {
  console.error("FAIL:", why);
  process.exit(1);
}

function check(ok, what) {
  if (!ok) fail(what);
  console.log("ok -", what);
}

// login signs in and returns the session cookie, "session=ID".
async function login(nick) {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    body: new URLSearchParams({ nickname: nick }),
  });
  if (res.status !== 200) fail(`login ${nick}: ${res.status}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("session="));
  if (!cookie) fail(`login ${nick}: no session cookie`);
  return cookie.split(";")[0];
}

// Chatter is one socket with a queue of the messages it received, so that
// a test can wait for the next one without missing any.
class Chatter {
  constructor(nick, room, socket) {
    this.nick = nick;
    this.room = room;
    this.socket = socket;
    this.queue = [];
    this.waiting = null;
    socket.on("message", (data, isBinary) => {
      if (isBinary) fail(`${nick}: a binary message`);
      this.queue.push(JSON.parse(data.toString("utf8")));
      this.wake();
    });
    socket.on("close", (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
    socket.on("error", (err) => {
      if (!this.refused) fail(`${nick}: ${err.message}`);
    });
  }

  wake() {
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w();
    }
  }

  async next() {
    while (this.queue.length === 0) {
      if (this.closed) fail(`${this.nick}: closed (${this.closed.code}) while waiting`);
      await new Promise((resolve) => (this.waiting = resolve));
    }
    return this.queue.shift();
  }

  async expect(type, from, text) {
    const m = await this.next();
    const ok = m.type === type && (m.from ?? "") === from && m.text === text &&
      m.room === this.room && !Number.isNaN(Date.parse(m.at));
    if (!ok) fail(`${this.nick} got ${JSON.stringify(m)}, want ${type} from ${from}: ${JSON.stringify(text)}`);
    return m;
  }

  say(text) {
    this.socket.send(JSON.stringify({ text }));
  }
}

// open opens room's socket with the headers as nick. It resolves to a
// Chatter, or to the HTTP status of a refused handshake. The Chatter
// listens from the start: the server's first message may come in the same
// read as its handshake answer, and ws emits it before a promise that
// waits for "open" could go on.
function open(nick, room, headers) {
  return new Promise((resolve) => {
    const s = new WebSocket(`${wsBase}/ws?room=${encodeURIComponent(room)}`, { headers });
    const c = new Chatter(nick, room, s);
    s.once("open", () => resolve(c));
    s.once("unexpected-response", (req, res) => {
      c.refused = true;
      res.resume();
      resolve(res.statusCode);
      req.destroy();
    });
  });
}

// join signs nick in and joins room, reading the notice of its own
// arrival.
async function join(nick, room) {
  const cookie = await login(nick);
  const c = await open(nick, room, { Cookie: cookie, Origin: origin });
  if (typeof c === "number") fail(`join ${room} as ${nick}: ${c}`);
  await c.expect("join", nick, `${nick} joined`);
  return c;
}

const alice = await join("alice", "node");
const bob = await join("bob", "node");
await alice.expect("join", "bob", "bob joined");
const carol = await join("carol", "elsewhere");
check(true, "three sockets open, the notices of their arrival received");

alice.say("hello from node");
await alice.expect("message", "alice", "hello from node");
await bob.expect("message", "alice", "hello from node");
check(true, "a message reaches its room, its sender included");

const utf8 = "ünïcödé ✓ 𝄞 日本語";
bob.say(utf8);
await bob.expect("message", "bob", utf8);
await alice.expect("message", "bob", utf8);
check(true, "multi-byte UTF-8 comes back intact");

const longest = "é".repeat(500);
alice.say("é".repeat(501));
await alice.expect("error", "", "a message has at most 500 characters");
alice.say(longest);
await alice.expect("message", "alice", longest);
await bob.expect("message", "alice", longest);
check(true, "501 characters refused to the sender alone, 500 broadcast");

check(alice.socket.extensions === "", `no extension agreed (ws offered permessage-deflate): ${JSON.stringify(alice.socket.extensions)}`);

// One text message in three frames, split inside the 3 bytes of "✓": the
// server must check UTF-8 across the fragments, not in each.
const whole = Buffer.from(JSON.stringify({ text: "split ✓ across frames" }));
const cut = whole.indexOf(Buffer.from("✓")) + 1;
alice.socket.send(whole.subarray(0, 5), { binary: false, fin: false });
alice.socket.send(whole.subarray(5, cut), { binary: false, fin: false });
alice.socket.send(whole.subarray(cut), { binary: false, fin: true });
await alice.expect("message", "alice", "split ✓ across frames");
await bob.expect("message", "alice", "split ✓ across frames");
check(true, "a message in three fragments, cut inside a character, is put back together");

carol.say("anyone here?");
await carol.expect("message", "carol", "anyone here?");
check(true, "another room heard nothing of this one");

const noSession = await open("nobody", "node", { Origin: origin });
check(noSession === 401, `no session: ${noSession}, want 401`);
const cookie = await login("mallory");
const crossSite = await open("mallory", "node", { Cookie: cookie, Origin: "http://evil.example" });
check(crossSite === 403, `another origin: ${crossSite}, want 403`);

// A message past the server's limit (8 KiB) ends that socket with 1009.
const dave = await join("dave", "limits");
const daveClosed = new Promise((resolve) => dave.socket.once("close", (code) => resolve(code)));
dave.say("x".repeat(9000));
const tooBig = await daveClosed;
check(tooBig === 1009, `a 9000-byte message closed the socket with ${tooBig}, want 1009`);

const pong = new Promise((resolve) => bob.socket.once("pong", (data) => resolve(data.toString())));
bob.socket.ping("are you there");
check((await pong) === "are you there", "a ping is answered with a pong of the same payload");

const closed = new Promise((resolve) => bob.socket.once("close", (code) => resolve(code)));
bob.socket.close(1000, "bye");
const code = await closed;
check(code === 1000, `bob's close answered with ${code}, want 1000`);
await alice.expect("leave", "bob", "bob left");
check(true, "the room heard bob leave");

for (const c of [alice, carol]) c.socket.close(1000);
console.log("all checks passed");
process.exit(0);
