package secret_test

import (
	"fmt"
	"log/slog"
	"os"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/secret"
)

func Example() {
	token := secret.New("tok_live_51H8")
	fmt.Printf("%v %s %q %#v\n", token, token, token, token)

	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}))
	logger.Info("calling the API", "token", token)
	fmt.Println(len(token.Reveal()))
	// Output:
	// [REDACTED] [REDACTED] "[REDACTED]" secret.Secret{[REDACTED]}
	// level=INFO msg="calling the API" token=[REDACTED]
	// 13
}
