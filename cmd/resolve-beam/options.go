package main

import (
	"github.com/resolve-tool/resolve/config"
	"github.com/resolve-tool/resolve/resolve/block"
	"github.com/resolve-tool/resolve/resolve/cluster"
	"github.com/resolve-tool/resolve/resolve/engine"
	"github.com/resolve-tool/resolve/resolve/input"
	"github.com/resolve-tool/resolve/resolve/match"
)

// The mappings below are cmd/resolve's (inputOptions, matchParams,
// engineOptions), which package main there cannot export: keep them in
// step, or the pipeline clusters with other parameters than resolve --in.

func inputOptions(c config.Input) input.Options {
	o := input.DefaultOptions()
	o.NameCol, o.IDCol, o.CountryCol, o.AddressCol = c.NameCol, c.IDCol, c.CountryCol, c.AddressCol
	o.DateCol, o.WebsiteCol, o.EmailCol = c.DateCol, c.WebsiteCol, c.EmailCol
	o.Encoding, o.Delimiter = c.Encoding, c.Delimiter
	return o
}

func matchParams(c config.Match) match.Params {
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

// Params are the tunables every stage needs, carried in the DoFns (plain
// fields, so that they travel to remote workers).
type Params struct {
	Match   match.Params
	Cluster cluster.Params
	Block   block.Params
}

func paramsOf(c *config.Config) Params {
	return Params{
		Match: matchParams(c.Match),
		Cluster: cluster.Params{
			Threshold:     c.Match.Threshold,
			LinkThreshold: c.Cluster.LinkThreshold,
			Sample:        c.Cluster.Sample,
		},
		Block: block.Params{MaxCandidates: c.Cluster.MaxCandidates, MaxBlock: c.Cluster.MaxBlock, Workers: c.Cluster.Workers},
	}
}

func (p Params) engine() engine.Options {
	return engine.Options{Match: p.Match, Cluster: p.Cluster, Block: p.Block}
}
