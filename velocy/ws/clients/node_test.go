package clients

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestNodeClient runs node/chat-client.mjs, Node's ws package, against the
// chat app: two users in a room, one in another, UTF-8, the length limit,
// 401 without a session, 403 from another origin, ping and close.
func TestNodeClient(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		require(t, "node is not installed")
	}
	if _, err := os.Stat(filepath.Join("node", "node_modules", "ws", "package.json")); err != nil {
		require(t, "node/node_modules has no ws package (run npm ci in node/)")
	}
	srv := startChat(t)
	ctx, cancel := context.WithTimeout(t.Context(), hang)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "chat-client.mjs", srv.URL)
	cmd.Dir = "node"
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node chat-client.mjs: %v\n%s", err, out)
	}
	t.Logf("node chat-client.mjs:\n%s", out)
}
