package pipeline

import (
	"errors"
	"fmt"
)

// UsageError is a mistake of the caller: bad configuration, an input or
// judgements file that cannot be used. Hint says what to do about it; the
// command line prints it and exits 2.
type UsageError struct {
	Err  error
	Hint string
}

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// Usage is a *UsageError with hint and the message format gives.
func Usage(hint string, format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...), Hint: hint}
}

func usageErr(hint string, format string, args ...any) error { return Usage(hint, format, args...) }

// ErrFlagged is returned by a completed run whose flags reached the
// configuration's fail_on severity.
var ErrFlagged = errors.New("flags at or above --fail-on were raised")

// ErrUnverified is returned, with fail_on set, by a completed run in which
// every enabled source failed.
var ErrUnverified = errors.New("every enabled source failed: nothing was verified (the report says so under summary.verification)")
