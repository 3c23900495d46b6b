//go:build novelocy

package interop

// Before velocy/ws has its Upgrader and Dial, the harness is tried on
// gorilla: go test -tags novelocy ./...
const underTest = "gorilla"
