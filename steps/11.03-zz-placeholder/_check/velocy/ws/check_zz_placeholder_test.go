package ws

import "testing"

// TestFrPlaceholder stands for part 1's steps (11.01-11.03): the workspace
// holds the handshake files. The lead deletes this step when merging.
func TestFrPlaceholder(t *testing.T) {
	if AcceptKey("dGhlIHNhbXBsZSBub25jZQ==") != "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=" {
		t.Fatal("AcceptKey")
	}
}
