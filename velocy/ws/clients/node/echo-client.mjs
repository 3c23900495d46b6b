// echo-client.mjs sends messages of every length class of RFC 6455's
// framing to an echo server with Node's ws package, and checks that each
// comes back whole:
//
//	node echo-client.mjs ws://127.0.0.1:PORT/echo
//
// Lengths 0, 125 (the largest 7-bit length), 126 and 65535 (16-bit),
// 65536 and 1 MiB (64-bit), as binary (random bytes) and as text (mixed
// 1- to 4-byte characters); messages sent in fragments; a ping; the
// close handshake; and text that is not UTF-8, which must end in 1007. It exits 0 when all came back, 1 at the first failure.
import WebSocket from "ws";
import { randomBytes } from "node:crypto";

const url = process.argv[2];
if (!url || !/^wss?:\/\//.test(url)) {
  console.error("usage: node echo-client.mjs ws://HOST:PORT/PATH");
  process.exit(2);
}
setTimeout(() => fail("timed out after 30 s"), 30_000).unref();

function fail(why) {
  console.error("FAIL:", why);
  process.exit(1);
}

const socket = new WebSocket(url);
const queue = [];
let waiting = null;
let closed = null;
socket.on("message", (data, isBinary) => {
  queue.push({ data, isBinary });
  if (waiting) waiting();
});
socket.on("close", (code) => {
  closed = code;
  if (waiting) waiting();
});
socket.on("error", (err) => fail(err.message));
await new Promise((resolve) => socket.once("open", resolve));

async function next() {
  while (queue.length === 0) {
    if (closed !== null) fail(`closed (${closed}) while waiting for an echo`);
    await new Promise((resolve) => (waiting = resolve));
    waiting = null;
  }
  return queue.shift();
}

// text returns a string of exactly n UTF-8 bytes, mixing 1- to 4-byte
// characters.
function text(n) {
  const pieces = ["a", "é", "✓", "𝄞"]; // 1, 2, 3 and 4 bytes
  const parts = [];
  let bytes = 0;
  for (let i = 0; bytes < n; i++) {
    let size = (i % 4) + 1;
    if (bytes + size > n) size = 1;
    parts.push(pieces[size - 1]);
    bytes += size;
  }
  return parts.join("");
}

const sizes = [0, 1, 125, 126, 127, 65535, 65536, 1 << 20];
for (const n of sizes) {
  const bin = randomBytes(n);
  socket.send(bin, { binary: true });
  const b = await next();
  if (!b.isBinary || !Buffer.from(b.data).equals(bin)) fail(`binary ${n}: a different echo (${b.data.length} bytes)`);
  const str = text(n);
  socket.send(str);
  const t = await next();
  if (t.isBinary || t.data.toString("utf8") !== str) fail(`text ${n}: a different echo`);
}
console.log(`ok - binary and text messages of ${sizes.join(", ")} bytes echoed whole`);

// A binary message of 300 KB in fragments of 100 KB, then a text message
// in two fragments cut inside a 4-byte character.
const big = randomBytes(300_000);
for (let i = 0; i < 3; i++) {
  socket.send(big.subarray(i * 100_000, (i + 1) * 100_000), { binary: true, fin: i === 2 });
}
const fb = await next();
if (!fb.isBinary || !Buffer.from(fb.data).equals(big)) fail("fragmented binary: a different echo");
const clef = Buffer.from("before 𝄞 after");
const cut = clef.indexOf(Buffer.from("𝄞")) + 2;
socket.send(clef.subarray(0, cut), { binary: false, fin: false });
socket.send(clef.subarray(cut), { binary: false, fin: true });
const ft = await next();
if (ft.isBinary || ft.data.toString("utf8") !== "before 𝄞 after") fail("fragmented text: a different echo");
console.log("ok - fragmented messages echoed whole");

const pong = new Promise((resolve) => socket.once("pong", (d) => resolve(d.toString())));
socket.ping("ping payload");
if ((await pong) !== "ping payload") fail("the pong does not carry the ping's payload");
console.log("ok - a ping is answered with its payload");

const code = await new Promise((resolve) => {
  socket.once("close", (c) => resolve(c));
  socket.close(1000, "done");
});
if (code !== 1000) fail(`close answered with ${code}, want 1000`);
console.log("ok - the close handshake: 1000 answered with 1000");

// Text that is not UTF-8 fails the connection with 1007 (RFC 6455, 8.1).
const bad = new WebSocket(url);
bad.on("error", (err) => fail(`invalid UTF-8 socket: ${err.message}`));
await new Promise((resolve) => bad.once("open", resolve));
const badCode = await new Promise((resolve) => {
  bad.once("close", (c) => resolve(c));
  bad.send(Buffer.from([0x61, 0xff, 0xfe, 0x62]), { binary: false });
});
if (badCode !== 1007) fail(`invalid UTF-8 closed with ${badCode}, want 1007`);
console.log("ok - a text message that is not UTF-8 is closed with 1007");
console.log("all checks passed");
process.exit(0);
