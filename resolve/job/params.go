// Package job is what everything that runs the resolve stage shares so
// that it clusters and reports alike (the main job's library, package
// pipeline, and resolve-beam): the configuration turned into the input
// reader's, matcher's and engine's parameters (InputOptions, MatchParams,
// EngineOptions), and an engine result turned into the report's clusters
// (Clusters). It imports no verification package, so that resolve-beam
// builds without them.
//
// Layering: job and pipeline are the only packages under resolve/ that
// know the configuration (cmd → pipeline → job → config); the other resolve
// packages take parameters of their own, and the report schema knows nothing
// of the engine.
package job

import (
	"github.com/resolve-tool/resolve/config"
	"github.com/resolve-tool/resolve/resolve/block"
	"github.com/resolve-tool/resolve/resolve/cluster"
	"github.com/resolve-tool/resolve/resolve/engine"
	"github.com/resolve-tool/resolve/resolve/input"
	"github.com/resolve-tool/resolve/resolve/match"
)

// InputOptions are the input reader's options from the input section.
func InputOptions(c config.Input) input.Options {
	o := input.DefaultOptions()
	o.NameCol, o.IDCol, o.CountryCol, o.AddressCol = c.NameCol, c.IDCol, c.CountryCol, c.AddressCol
	o.DateCol, o.WebsiteCol, o.EmailCol = c.DateCol, c.WebsiteCol, c.EmailCol
	o.Encoding, o.Delimiter = c.Encoding, c.Delimiter
	return o
}

// MatchParams are the matcher's parameters from the match section.
func MatchParams(c config.Match) match.Params {
	p := match.DefaultParams()
	p.Threshold = c.Threshold
	p.TokenMinSimilarity = c.TokenMinSimilarity
	p.RomanisationSimilarity = c.RomanisationSimilarity
	p.TransliterationSimilarity = c.TransliterationSimilarity
	p.LoanwordSimilarity = c.LoanwordSimilarity
	p.GenericWeight = c.GenericWeight
	p.GenericMissingWeight = c.GenericMissingWeight
	p.QualifierWeight = c.QualifierWeight
	p.QualifierPenalty = c.QualifierPenalty
	p.GenericConflict = c.GenericConflict
	p.NumberConflictCap = c.NumberConflictCap
	p.LegalFormConflict = c.LegalFormConflict
	p.CountryConflict = c.CountryConflict
	p.ShortTokenLen = c.ShortTokenLen
	p.ShortTypoSimilarity = c.ShortTypoSimilarity
	p.SubsidiaryMissingWeight = c.SubsidiaryMissingWeight
	p.IDFFloor = c.IDFFloor
	return p
}

// EngineOptions are the engine's options (matcher, clustering, blocking)
// from the configuration, without investigator decisions or progress.
func EngineOptions(c *config.Config) engine.Options {
	return engine.Options{
		Match: MatchParams(c.Match),
		Cluster: cluster.Params{
			Threshold:        c.Match.Threshold,
			CrossThreshold:   c.Cluster.CrossThreshold,
			LinkThreshold:    c.Cluster.LinkThreshold,
			ReciprocalFloor:  c.Cluster.ReciprocalFloor,
			ReciprocalMargin: c.Cluster.ReciprocalMargin,
			Sample:           c.Cluster.Sample,
		},
		Block: block.Params{MaxCandidates: c.Cluster.MaxCandidates, MaxBlock: c.Cluster.MaxBlock, Workers: c.Cluster.Workers, MaxReserved: c.Cluster.MaxCross},
	}
}
