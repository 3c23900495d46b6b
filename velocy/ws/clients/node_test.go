package clients

import (
	"context"
	"os/exec"
	"testing"
)

// TestNodeClient runs node/chat-client.mjs, Node's ws package, against the
// chat app: two users in a room, one in another, UTF-8, the length limit,
// 401 without a session, 403 from another origin, ping and close.
func TestNodeClient(t *testing.T) {
	node := nodeClient(t)
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
