package third

import (
	"io"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// timeLayout is RFC 3339 with milliseconds, as logtar writes it.
const timeLayout = "2006-01-02T15:04:05.000Z07:00"

func init() {
	zerolog.TimeFieldFormat = timeLayout
	zerolog.DurationFieldUnit = time.Nanosecond
	zerolog.DurationFieldInteger = true
}

// Zerolog is a zerolog Logger writing JSON with a timestamp at level Info.
type Zerolog struct{ l zerolog.Logger }

// NewZerolog returns a Zerolog writing to w.
func NewZerolog(w io.Writer) (*Zerolog, error) {
	return &Zerolog{zerolog.New(w).Level(zerolog.InfoLevel).With().Timestamp().Logger()}, nil
}

// Ten logs the message with the ten fields.
func (z *Zerolog) Ten() { zerologTen(z.l) }

// Disabled logs the message at level Debug.
func (z *Zerolog) Disabled() { z.l.Debug().Msg(message) }

// LoopTen is Ten in a benchmark loop.
func (z *Zerolog) LoopTen(b *testing.B) {
	for b.Loop() {
		zerologTen(z.l)
	}
}

// LoopDisabled is Disabled in a benchmark loop.
func (z *Zerolog) LoopDisabled(b *testing.B) {
	for b.Loop() {
		z.l.Debug().Msg(message)
	}
}

// Close does nothing: zerolog has nothing to close.
func (z *Zerolog) Close() error { return nil }

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

// Zap is a zap Logger with the JSON encoder at level Info.
type Zap struct{ l *zap.Logger }

// NewZap returns a Zap writing to w.
func NewZap(w io.Writer) (*Zap, error) {
	enc := zap.NewProductionEncoderConfig()
	enc.EncodeTime = zapcore.TimeEncoderOfLayout(timeLayout)
	enc.EncodeDuration = zapcore.NanosDurationEncoder
	core := zapcore.NewCore(zapcore.NewJSONEncoder(enc), zapcore.AddSync(w), zapcore.InfoLevel)
	return &Zap{zap.New(core)}, nil
}

// Ten logs the message with the ten fields.
func (z *Zap) Ten() { zapTen(z.l) }

// Disabled logs the message at level Debug.
func (z *Zap) Disabled() { z.l.Debug(message) }

// LoopTen is Ten in a benchmark loop.
func (z *Zap) LoopTen(b *testing.B) {
	for b.Loop() {
		zapTen(z.l)
	}
}

// LoopDisabled is Disabled in a benchmark loop.
func (z *Zap) LoopDisabled(b *testing.B) {
	for b.Loop() {
		z.l.Debug(message)
	}
}

// Close flushes the logger.
func (z *Zap) Close() error { z.l.Sync(); return nil }

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
