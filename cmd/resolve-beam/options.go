package main

import (
	"github.com/resolve-tool/resolve/config"
	"github.com/resolve-tool/resolve/resolve/block"
	"github.com/resolve-tool/resolve/resolve/cluster"
	"github.com/resolve-tool/resolve/resolve/engine"
	"github.com/resolve-tool/resolve/resolve/job"
	"github.com/resolve-tool/resolve/resolve/match"
)

// Params are the tunables every stage needs, carried in the DoFns (plain
// fields, so that they travel to remote workers).
type Params struct {
	Match   match.Params
	Cluster ClusterParams
	Block   block.Params
}

// ClusterParams are cluster.Params less its progress callback, which a
// Beam schema cannot carry (a func field fails the pipeline's type
// registration).
type ClusterParams struct {
	Threshold, LinkThreshold float64
	CrossThreshold           float64 // see cluster.Params
	// ReciprocalFloor and ReciprocalMargin: see cluster.Params (0: no
	// reciprocal best matches).
	ReciprocalFloor, ReciprocalMargin float64
	Sample                            int
}

// paramsOf are the parameters resolve --in runs with (package job).
func paramsOf(c *config.Config) Params {
	o := job.EngineOptions(c)
	cp := ClusterParams{Threshold: o.Cluster.Threshold, LinkThreshold: o.Cluster.LinkThreshold, CrossThreshold: o.Cluster.CrossThreshold,
		ReciprocalFloor: o.Cluster.ReciprocalFloor, ReciprocalMargin: o.Cluster.ReciprocalMargin, Sample: o.Cluster.Sample}
	return Params{Match: o.Match, Cluster: cp, Block: o.Block}
}

func (p Params) engine() engine.Options {
	c := cluster.Params{Threshold: p.Cluster.Threshold, LinkThreshold: p.Cluster.LinkThreshold, CrossThreshold: p.Cluster.CrossThreshold,
		ReciprocalFloor: p.Cluster.ReciprocalFloor, ReciprocalMargin: p.Cluster.ReciprocalMargin, Sample: p.Cluster.Sample}
	return engine.Options{Match: p.Match, Cluster: c, Block: p.Block}
}
