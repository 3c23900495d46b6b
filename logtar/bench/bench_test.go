// Package bench compares logtar with zerolog, zap and log/slog. It is a
// separate module so that the comparison libraries stay out of the main
// module's go.mod. See README.md for how to run it and read the results.
package bench

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/logtar"
	"github.com/rs/zerolog"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// The same message and field values for every library. They are package
// variables, not constants, so no library gets to box a constant for free:
// this is what logging a request's details looks like.
var (
	message = "request served"

	fMethod    = "GET"
	fPath      = "/api/v1/users/42/orders"
	fUserAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
	fStatus    = 200
	fBytes     = 18342
	fRequestID = 987654321
	fRatio     = 0.8125
	fCached    = true
	fElapsed   = 1530 * time.Microsecond
	fErr       = errors.New("upstream: connection reset by peer")
)

// timeLayout is RFC 3339 with milliseconds, what logtar and slog write;
// zerolog and zap are set to the same so all four format the same text.
const timeLayout = "2006-01-02T15:04:05.000Z07:00"

func init() {
	zerolog.TimeFieldFormat = timeLayout
	zerolog.DurationFieldUnit = time.Nanosecond // as logtar and slog
	zerolog.DurationFieldInteger = true
}

// Constructors. Each writes JSON with a timestamp, at level Info.

func newLogtar(b *testing.B, cfg logtar.Config) *logtar.Logger {
	l, err := logtar.New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		if err := l.Close(); err != nil {
			b.Error(err)
		}
	})
	return l
}

func newZerolog(w io.Writer) zerolog.Logger {
	return zerolog.New(w).Level(zerolog.InfoLevel).With().Timestamp().Logger()
}

func newZap(w io.Writer, opts ...zap.Option) *zap.Logger {
	enc := zap.NewProductionEncoderConfig()
	enc.EncodeTime = zapcore.TimeEncoderOfLayout(timeLayout)
	enc.EncodeDuration = zapcore.NanosDurationEncoder
	core := zapcore.NewCore(zapcore.NewJSONEncoder(enc), zapcore.AddSync(w), zapcore.InfoLevel)
	return zap.New(core, opts...)
}

func newSlog(w io.Writer, source bool) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{AddSource: source}))
}

// The ten fields, in each library's typed form and as key/value pairs.

func tenAttrs() [10]slog.Attr {
	return [10]slog.Attr{
		slog.String("method", fMethod),
		slog.String("path", fPath),
		slog.String("user_agent", fUserAgent),
		slog.Int("status", fStatus),
		slog.Int("bytes", fBytes),
		slog.Int("request_id", fRequestID),
		slog.Float64("ratio", fRatio),
		slog.Bool("cached", fCached),
		slog.Duration("elapsed", fElapsed),
		slog.Any("error", fErr),
	}
}

func logtarTen(l *logtar.Logger) {
	l.LogAttrs(logtar.LevelInfo, message,
		slog.String("method", fMethod),
		slog.String("path", fPath),
		slog.String("user_agent", fUserAgent),
		slog.Int("status", fStatus),
		slog.Int("bytes", fBytes),
		slog.Int("request_id", fRequestID),
		slog.Float64("ratio", fRatio),
		slog.Bool("cached", fCached),
		slog.Duration("elapsed", fElapsed),
		slog.Any("error", fErr),
	)
}

func logtarTenArgs(l *logtar.Logger) {
	l.Info(message,
		"method", fMethod,
		"path", fPath,
		"user_agent", fUserAgent,
		"status", fStatus,
		"bytes", fBytes,
		"request_id", fRequestID,
		"ratio", fRatio,
		"cached", fCached,
		"elapsed", fElapsed,
		"error", fErr,
	)
}

func zerologTen(l zerolog.Logger) {
	l.Info().
		Str("method", fMethod).
		Str("path", fPath).
		Str("user_agent", fUserAgent).
		Int("status", fStatus).
		Int("bytes", fBytes).
		Int("request_id", fRequestID).
		Float64("ratio", fRatio).
		Bool("cached", fCached).
		Dur("elapsed", fElapsed).
		AnErr("error", fErr).
		Msg(message)
}

func zapTen(l *zap.Logger) {
	l.Info(message,
		zap.String("method", fMethod),
		zap.String("path", fPath),
		zap.String("user_agent", fUserAgent),
		zap.Int("status", fStatus),
		zap.Int("bytes", fBytes),
		zap.Int("request_id", fRequestID),
		zap.Float64("ratio", fRatio),
		zap.Bool("cached", fCached),
		zap.Duration("elapsed", fElapsed),
		zap.NamedError("error", fErr),
	)
}

func zapSugarTen(l *zap.SugaredLogger) {
	l.Infow(message,
		"method", fMethod,
		"path", fPath,
		"user_agent", fUserAgent,
		"status", fStatus,
		"bytes", fBytes,
		"request_id", fRequestID,
		"ratio", fRatio,
		"cached", fCached,
		"elapsed", fElapsed,
		"error", fErr,
	)
}

func slogTen(l *slog.Logger) {
	l.LogAttrs(context.Background(), slog.LevelInfo, message,
		slog.String("method", fMethod),
		slog.String("path", fPath),
		slog.String("user_agent", fUserAgent),
		slog.Int("status", fStatus),
		slog.Int("bytes", fBytes),
		slog.Int("request_id", fRequestID),
		slog.Float64("ratio", fRatio),
		slog.Bool("cached", fCached),
		slog.Duration("elapsed", fElapsed),
		slog.Any("error", fErr),
	)
}

func slogTenArgs(l *slog.Logger) {
	l.Info(message,
		"method", fMethod,
		"path", fPath,
		"user_agent", fUserAgent,
		"status", fStatus,
		"bytes", fBytes,
		"request_id", fRequestID,
		"ratio", fRatio,
		"cached", fCached,
		"elapsed", fElapsed,
		"error", fErr,
	)
}

// BenchmarkTenFields logs a message with ten scalar fields to io.Discard.
// The plain library names use each library's typed API; ".Args" rows use
// key/value pairs passed as ...any.
func BenchmarkTenFields(b *testing.B) {
	b.Run("logtar", func(b *testing.B) {
		l := newLogtar(b, logtar.NewConfig().WithWriter(io.Discard))
		b.ReportAllocs()
		for b.Loop() {
			logtarTen(l)
		}
	})
	b.Run("logtar.Args", func(b *testing.B) {
		l := newLogtar(b, logtar.NewConfig().WithWriter(io.Discard))
		b.ReportAllocs()
		for b.Loop() {
			logtarTenArgs(l)
		}
	})
	b.Run("logtar.Slog", func(b *testing.B) {
		l := slog.New(newLogtar(b, logtar.NewConfig().WithWriter(io.Discard)).Handler())
		b.ReportAllocs()
		for b.Loop() {
			slogTen(l)
		}
	})
	b.Run("zerolog", func(b *testing.B) {
		l := newZerolog(io.Discard)
		b.ReportAllocs()
		for b.Loop() {
			zerologTen(l)
		}
	})
	b.Run("zap", func(b *testing.B) {
		l := newZap(io.Discard)
		b.ReportAllocs()
		for b.Loop() {
			zapTen(l)
		}
	})
	b.Run("zap.Args", func(b *testing.B) {
		l := newZap(io.Discard).Sugar()
		b.ReportAllocs()
		for b.Loop() {
			zapSugarTen(l)
		}
	})
	b.Run("slog", func(b *testing.B) {
		l := newSlog(io.Discard, false)
		b.ReportAllocs()
		for b.Loop() {
			slogTen(l)
		}
	})
	b.Run("slog.Args", func(b *testing.B) {
		l := newSlog(io.Discard, false)
		b.ReportAllocs()
		for b.Loop() {
			slogTenArgs(l)
		}
	})
}

// The ten fields as each library presets them on a child logger.

func logtarWith(l *logtar.Logger) *logtar.Logger {
	a := tenAttrs()
	return l.With(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9])
}

func zerologWith(l zerolog.Logger) zerolog.Logger {
	return l.With().
		Str("method", fMethod).
		Str("path", fPath).
		Str("user_agent", fUserAgent).
		Int("status", fStatus).
		Int("bytes", fBytes).
		Int("request_id", fRequestID).
		Float64("ratio", fRatio).
		Bool("cached", fCached).
		Dur("elapsed", fElapsed).
		AnErr("error", fErr).
		Logger()
}

func zapWith(l *zap.Logger) *zap.Logger {
	return l.With(
		zap.String("method", fMethod),
		zap.String("path", fPath),
		zap.String("user_agent", fUserAgent),
		zap.Int("status", fStatus),
		zap.Int("bytes", fBytes),
		zap.Int("request_id", fRequestID),
		zap.Float64("ratio", fRatio),
		zap.Bool("cached", fCached),
		zap.Duration("elapsed", fElapsed),
		zap.NamedError("error", fErr),
	)
}

func slogWith(l *slog.Logger) *slog.Logger {
	a := tenAttrs()
	return l.With(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9])
}

// BenchmarkWith logs a message through a child logger that has the ten
// fields preset (With, made once): the request-scoped logger of a server.
// Every library encodes the preset fields once, when the child is made.
func BenchmarkWith(b *testing.B) {
	b.Run("logtar", func(b *testing.B) {
		l := logtarWith(newLogtar(b, logtar.NewConfig().WithWriter(io.Discard)))
		b.ReportAllocs()
		for b.Loop() {
			l.Info(message)
		}
	})
	b.Run("zerolog", func(b *testing.B) {
		l := zerologWith(newZerolog(io.Discard))
		b.ReportAllocs()
		for b.Loop() {
			l.Info().Msg(message)
		}
	})
	b.Run("zap", func(b *testing.B) {
		l := zapWith(newZap(io.Discard))
		b.ReportAllocs()
		for b.Loop() {
			l.Info(message)
		}
	})
	b.Run("slog", func(b *testing.B) {
		l := slogWith(newSlog(io.Discard, false))
		b.ReportAllocs()
		for b.Loop() {
			l.Info(message)
		}
	})
}

// BenchmarkNewChild makes the child logger with the ten fields and logs
// one message through it, on every op: the cost of a request that logs
// once. Reported for information; With is the bar.
func BenchmarkNewChild(b *testing.B) {
	b.Run("logtar", func(b *testing.B) {
		l := newLogtar(b, logtar.NewConfig().WithWriter(io.Discard))
		b.ReportAllocs()
		for b.Loop() {
			logtarWith(l).Info(message)
		}
	})
	b.Run("zerolog", func(b *testing.B) {
		l := newZerolog(io.Discard)
		b.ReportAllocs()
		for b.Loop() {
			child := zerologWith(l)
			child.Info().Msg(message)
		}
	})
	b.Run("zap", func(b *testing.B) {
		l := newZap(io.Discard)
		b.ReportAllocs()
		for b.Loop() {
			zapWith(l).Info(message)
		}
	})
	b.Run("slog", func(b *testing.B) {
		l := newSlog(io.Discard, false)
		b.ReportAllocs()
		for b.Loop() {
			slogWith(l).Info(message)
		}
	})
}

// BenchmarkStatic logs a message with no fields to io.Discard.
func BenchmarkStatic(b *testing.B) {
	b.Run("logtar", func(b *testing.B) {
		l := newLogtar(b, logtar.NewConfig().WithWriter(io.Discard))
		b.ReportAllocs()
		for b.Loop() {
			l.Info(message)
		}
	})
	b.Run("zerolog", func(b *testing.B) {
		l := newZerolog(io.Discard)
		b.ReportAllocs()
		for b.Loop() {
			l.Info().Msg(message)
		}
	})
	b.Run("zap", func(b *testing.B) {
		l := newZap(io.Discard)
		b.ReportAllocs()
		for b.Loop() {
			l.Info(message)
		}
	})
	b.Run("slog", func(b *testing.B) {
		l := newSlog(io.Discard, false)
		b.ReportAllocs()
		for b.Loop() {
			l.Info(message)
		}
	})
}

// BenchmarkDisabledFields makes a Debug call with three fields on a logger whose
// level is Info: the cost of a log line that is turned off. Go evaluates
// a call's arguments before the call, so building the three fields is paid
// even though the level check then returns at once; the ".Guarded" and
// ".Check" rows check the level first, as hot paths can.
func BenchmarkDisabledFields(b *testing.B) {
	b.Run("logtar", func(b *testing.B) {
		l := newLogtar(b, logtar.NewConfig().WithWriter(io.Discard))
		b.ReportAllocs()
		for b.Loop() {
			l.LogAttrs(logtar.LevelDebug, message, slog.String("path", fPath), slog.Int("status", fStatus), slog.Duration("elapsed", fElapsed))
		}
	})
	b.Run("logtar.Args", func(b *testing.B) {
		l := newLogtar(b, logtar.NewConfig().WithWriter(io.Discard))
		b.ReportAllocs()
		for b.Loop() {
			l.Debug(message, "path", fPath, "status", fStatus, "elapsed", fElapsed)
		}
	})
	b.Run("logtar.Guarded", func(b *testing.B) {
		l := newLogtar(b, logtar.NewConfig().WithWriter(io.Discard))
		b.ReportAllocs()
		for b.Loop() {
			if l.Enabled(logtar.LevelDebug) {
				l.LogAttrs(logtar.LevelDebug, message, slog.String("path", fPath), slog.Int("status", fStatus), slog.Duration("elapsed", fElapsed))
			}
		}
	})
	b.Run("zerolog", func(b *testing.B) {
		l := newZerolog(io.Discard)
		b.ReportAllocs()
		for b.Loop() {
			l.Debug().Str("path", fPath).Int("status", fStatus).Dur("elapsed", fElapsed).Msg(message)
		}
	})
	b.Run("zap", func(b *testing.B) {
		l := newZap(io.Discard)
		b.ReportAllocs()
		for b.Loop() {
			l.Debug(message, zap.String("path", fPath), zap.Int("status", fStatus), zap.Duration("elapsed", fElapsed))
		}
	})
	b.Run("zap.Check", func(b *testing.B) {
		l := newZap(io.Discard)
		b.ReportAllocs()
		for b.Loop() {
			if ce := l.Check(zap.DebugLevel, message); ce != nil {
				ce.Write(zap.String("path", fPath), zap.Int("status", fStatus), zap.Duration("elapsed", fElapsed))
			}
		}
	})
	b.Run("slog", func(b *testing.B) {
		l := newSlog(io.Discard, false)
		ctx := context.Background()
		b.ReportAllocs()
		for b.Loop() {
			l.LogAttrs(ctx, slog.LevelDebug, message, slog.String("path", fPath), slog.Int("status", fStatus), slog.Duration("elapsed", fElapsed))
		}
	})
	b.Run("slog.Args", func(b *testing.B) {
		l := newSlog(io.Discard, false)
		b.ReportAllocs()
		for b.Loop() {
			l.Debug(message, "path", fPath, "status", fStatus, "elapsed", fElapsed)
		}
	})
}

// BenchmarkDisabled makes a Debug call with only a message on a
// logger whose level is Info: the cost of the level check alone.
func BenchmarkDisabled(b *testing.B) {
	b.Run("logtar", func(b *testing.B) {
		l := newLogtar(b, logtar.NewConfig().WithWriter(io.Discard))
		b.ReportAllocs()
		for b.Loop() {
			l.Debug(message)
		}
	})
	b.Run("zerolog", func(b *testing.B) {
		l := newZerolog(io.Discard)
		b.ReportAllocs()
		for b.Loop() {
			l.Debug().Msg(message)
		}
	})
	b.Run("zap", func(b *testing.B) {
		l := newZap(io.Discard)
		b.ReportAllocs()
		for b.Loop() {
			l.Debug(message)
		}
	})
	b.Run("slog", func(b *testing.B) {
		l := newSlog(io.Discard, false)
		b.ReportAllocs()
		for b.Loop() {
			l.Debug(message)
		}
	})
}

// BenchmarkCaller logs a message with no fields and caller info on.
func BenchmarkCaller(b *testing.B) {
	b.Run("logtar", func(b *testing.B) {
		l := newLogtar(b, logtar.NewConfig().WithWriter(io.Discard).WithCaller(true))
		b.ReportAllocs()
		for b.Loop() {
			l.Info(message)
		}
	})
	b.Run("zerolog", func(b *testing.B) {
		l := newZerolog(io.Discard).With().Caller().Logger()
		b.ReportAllocs()
		for b.Loop() {
			l.Info().Msg(message)
		}
	})
	b.Run("zap", func(b *testing.B) {
		l := newZap(io.Discard, zap.AddCaller())
		b.ReportAllocs()
		for b.Loop() {
			l.Info(message)
		}
	})
	b.Run("slog", func(b *testing.B) {
		l := newSlog(io.Discard, true)
		b.ReportAllocs()
		for b.Loop() {
			l.Info(message)
		}
	})
}

// BenchmarkFile logs the ten fields to a real file in a temporary
// directory. logtar writes through its own file output with rolling off;
// the others write to an *os.File. logtar.Async measures what the logging
// goroutine pays in async mode; once the queue is full that is bounded by
// the writer, so it is a throughput figure, not a latency one.
func BenchmarkFile(b *testing.B) {
	fileCfg := func(b *testing.B) logtar.Config {
		return logtar.NewConfig().WithDir(b.TempDir()).WithRollingSize(0).WithRollingInterval(0)
	}
	b.Run("logtar", func(b *testing.B) {
		l := newLogtar(b, fileCfg(b))
		b.ReportAllocs()
		for b.Loop() {
			logtarTen(l)
		}
	})
	b.Run("logtar.Async", func(b *testing.B) {
		l := newLogtar(b, fileCfg(b).WithAsync(true))
		b.ReportAllocs()
		for b.Loop() {
			logtarTen(l)
		}
	})
	b.Run("zerolog", func(b *testing.B) {
		l := newZerolog(openFile(b))
		b.ReportAllocs()
		for b.Loop() {
			zerologTen(l)
		}
	})
	b.Run("zap", func(b *testing.B) {
		l := newZap(openFile(b))
		b.ReportAllocs()
		for b.Loop() {
			zapTen(l)
		}
	})
	b.Run("slog", func(b *testing.B) {
		l := newSlog(openFile(b), false)
		b.ReportAllocs()
		for b.Loop() {
			slogTen(l)
		}
	})
}

// openFile creates a log file in a temporary directory, opened the way
// logtar opens its files.
func openFile(b *testing.B) *os.File {
	f, err := os.OpenFile(filepath.Join(b.TempDir(), "bench.log"), os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { f.Close() })
	return f
}
