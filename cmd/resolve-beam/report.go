package main

import "github.com/resolve-tool/resolve/resolve/report"

// summarise is the summary of clusters without verification.
func summarise(clusters []report.Cluster, pairs int) report.Summary {
	s := report.Summary{Clusters: len(clusters), CandidatePairs: pairs,
		FlagsByCode: map[string]int{}, FlagsBySev: map[string]int{}}
	for _, c := range clusters {
		if c.Size == 1 {
			s.Singletons++
		}
		s.LargestCluster = max(s.LargestCluster, c.Size)
	}
	return s
}
