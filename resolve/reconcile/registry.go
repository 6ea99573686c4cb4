package reconcile

import (
	"context"
	"errors"
)

// Record is a registry or list record of the bulk store, as the service
// serves it.
type Record struct {
	Source      string // the bulk source: gleif, companies_house, ofac, opensanctions, icij, opendart
	ID          string // the source's identifier
	Name        string
	OtherNames  []string
	Country     string // ISO alpha-2 of the jurisdiction, when known
	Status      string // active, dissolved, ... ("" when the source has none)
	URL         string
	Identifiers []Identifier // e.g. {lei, 5493...}
	Listed      []string     // sanctions topics that make it a listed party
}

// Identifier is a registry identifier of a record.
type Identifier struct {
	Scheme, Value string
}

// Registry is the bulk store, read-only. The command adapts verify/bulk's
// local registry to it; tests use a fixed list.
type Registry interface {
	// Sources lists the indexed bulk sources.
	Sources() []string
	// Search returns candidate records for the name from the given sources
	// (all when empty): records sharing name keys, unscored.
	Search(ctx context.Context, name string, sources []string) ([]Record, error)
	// Record returns one record by source and ID, or ErrNotFound.
	Record(ctx context.Context, source, id string) (Record, error)
}

// ErrNotFound: no entity or record with that ID.
var ErrNotFound = errors.New("reconcile: not found")

// Judgement is a review decision posted to the service.
type Judgement struct {
	Kind string `json:"kind"` // same, different, ignore
	A    string `json:"a"`    // a name or a cluster ID
	B    string `json:"b,omitempty"`
	Note string `json:"note,omitempty"`
	// Force records a decision that contradicts earlier ones (as
	// `resolve judge --force`).
	Force bool `json:"force,omitempty"`
}

// Judge stores judgements (the command appends them to the judgements
// file). Record returns the conflicts that kept the judgement from being
// recorded (nil when it was recorded), or an error wrapping ErrInvalid for
// a judgement that cannot be recorded as given.
type Judge interface {
	Record(ctx context.Context, j Judgement) (conflicts []string, err error)
}

// ErrInvalid: the judgement is malformed.
var ErrInvalid = errors.New("reconcile: invalid judgement")
