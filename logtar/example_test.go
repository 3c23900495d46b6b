package logtar_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/logtar"
)

// exampleClock makes the examples' output the same on every run.
func exampleClock() time.Time {
	return time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
}

func ExampleNew() {
	cfg := logtar.NewConfig().
		WithWriter(os.Stdout). // instead of files, for the example
		WithClock(exampleClock)
	logger, err := logtar.New(cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer logger.Close()

	logger.Info("server started", "addr", ":8080", "tls", false)
	logger.Debug("not written: below the Info level")
	logger.Error("request failed", "err", errors.New("timeout"), "attempt", 3)
	logger.Info("odd arguments", "key")
	// Output:
	// {"time":"2024-05-06T07:08:09.000Z","level":"INFO","msg":"server started","addr":":8080","tls":false}
	// {"time":"2024-05-06T07:08:09.000Z","level":"ERROR","msg":"request failed","err":"timeout","attempt":3}
	// {"time":"2024-05-06T07:08:09.000Z","level":"INFO","msg":"odd arguments","!BADKEY":"key"}
}

func ExampleLogger_LogAttrs() {
	logger, _ := logtar.New(logtar.NewConfig().WithWriter(os.Stdout).WithClock(exampleClock))
	defer logger.Close()

	logger.LogAttrs(logtar.LevelWarn, "slow request",
		slog.String("path", "/orders"),
		slog.Duration("took", 1500*time.Millisecond),
		slog.Group("user", slog.Int("id", 42), slog.String("name", "ann")),
	)
	// Output:
	// {"time":"2024-05-06T07:08:09.000Z","level":"WARN","msg":"slow request","path":"/orders","took":1500000000,"user":{"id":42,"name":"ann"}}
}

func ExampleLogger_Handler() {
	logger, _ := logtar.New(logtar.NewConfig().WithWriter(os.Stdout).WithClock(exampleClock))
	defer logger.Close()

	// Code that speaks log/slog writes through logtar.
	sl := slog.New(logger.Handler())
	sl.With("service", "shop").WithGroup("req").Info("served", "status", 200)
	// Output:
	// {"time":"2024-05-06T07:08:09.000Z","level":"INFO","msg":"served","service":"shop","req":{"status":200}}
}

func ExampleLogger_Close() {
	logger, _ := logtar.New(logtar.NewConfig().WithWriter(os.Stdout).WithClock(exampleClock))
	logger.Info("last words")
	fmt.Println(logger.Close())

	logger.Info("too late") // dropped and counted, never a panic
	err := logger.Close()
	fmt.Println(errors.Is(err, logtar.ErrClosed), err)
	// Output:
	// {"time":"2024-05-06T07:08:09.000Z","level":"INFO","msg":"last words"}
	// <nil>
	// true logtar: dropped 1 record logged after Close: logtar: logger closed
}

func ExampleLogger_With() {
	logger, _ := logtar.New(logtar.NewConfig().WithWriter(os.Stdout).WithClock(exampleClock))
	defer logger.Close()

	// A child Logger for one request: its fields are encoded once, here.
	req := logger.With("request_id", 42)
	req.Info("order placed", "order", 7)

	// Fields that travel with a context, for code that has no Logger of
	// its own to add them to.
	ctx := logtar.ContextWith(context.Background(), "user", "ann")
	req.InfoContext(ctx, "paid")
	// Output:
	// {"time":"2024-05-06T07:08:09.000Z","level":"INFO","msg":"order placed","request_id":42,"order":7}
	// {"time":"2024-05-06T07:08:09.000Z","level":"INFO","msg":"paid","request_id":42,"user":"ann"}
}

func ExampleConfig_Validate() {
	cfg := logtar.NewConfig().WithRollingSize(-1)
	err := cfg.Validate()

	var ce *logtar.ConfigError
	if errors.As(err, &ce) {
		fmt.Println("field:", ce.Field)
	}
	fmt.Println(err)
	// Output:
	// field: rolling_size
	// logtar: config: rolling_size: -1 must not be negative (use 0 to turn rolling by size off)
}

func ExampleLoadConfig() {
	dir, _ := os.MkdirTemp("", "logtar-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "logtar.json")

	os.WriteFile(path, []byte(`{"level": "warn", "rolling_interval": "24h"}`), 0o644)
	cfg, err := logtar.LoadConfig(path)
	text, _ := cfg.MarshalJSON()
	fmt.Println(string(text), err)

	os.WriteFile(path, []byte(`{"level": "warn", "log_prefix": "app_"}`), 0o644)
	_, err = logtar.LoadConfig(path)
	var ce *logtar.ConfigError
	fmt.Println(errors.As(err, &ce), ce.Field)
	// Output:
	// {"level":"WARN","dir":"logs","file_prefix":"logtar_","rolling_size":5242880,"rolling_interval":"24h0m0s","caller":false,"caller_skip":0,"async":false,"queue_size":1024,"active_file":"","max_backups":0,"max_age":"0s","compress":false,"local_time":false,"file_mode":"0644","drop_when_full":false} <nil>
	// true log_prefix
}

func ExampleConfig_WithRollingSize() {
	dir, _ := os.MkdirTemp("", "logtar-example")
	defer os.RemoveAll(dir)

	cfg := logtar.NewConfig().
		WithDir(dir).
		WithFilePrefix("app_").
		WithRollingSize(100). // bytes: tiny, to show several files
		WithClock(exampleClock)
	logger, _ := logtar.New(cfg)
	for i := range 3 {
		logger.Info("a record of about eighty bytes", "i", i)
	}
	logger.Close()

	// All three files were opened in the same millisecond; the names
	// still differ, and still sort in the order they were written.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		fmt.Println(e.Name())
	}
	// Output:
	// app_2024-05-06T07-08-09.000Z.log
	// app_2024-05-06T07-08-09.000Z_000001.log
	// app_2024-05-06T07-08-09.000Z_000002.log
}

func ExampleParseLevel() {
	level, err := logtar.ParseLevel("warn")
	fmt.Println(level, err)
	fmt.Println(level >= logtar.LevelInfo, logtar.Level(2))

	_, err = logtar.ParseLevel("verbose")
	fmt.Println(err)
	// Output:
	// WARN <nil>
	// true INFO+2
	// logtar: unknown level "verbose": want debug, info, warn, error or critical
}
