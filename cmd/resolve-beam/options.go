package main

import (
	"github.com/resolve-tool/resolve/cmd/internal/job"
	"github.com/resolve-tool/resolve/config"
	"github.com/resolve-tool/resolve/resolve/block"
	"github.com/resolve-tool/resolve/resolve/cluster"
	"github.com/resolve-tool/resolve/resolve/engine"
	"github.com/resolve-tool/resolve/resolve/match"
)

// Params are the tunables every stage needs, carried in the DoFns (plain
// fields, so that they travel to remote workers).
type Params struct {
	Match   match.Params
	Cluster cluster.Params
	Block   block.Params
}

// paramsOf are the parameters resolve --in runs with (package job).
func paramsOf(c *config.Config) Params {
	o := job.EngineOptions(c)
	return Params{Match: o.Match, Cluster: o.Cluster, Block: o.Block}
}

func (p Params) engine() engine.Options {
	return engine.Options{Match: p.Match, Cluster: p.Cluster, Block: p.Block}
}
