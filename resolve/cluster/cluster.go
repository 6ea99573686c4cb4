// Package cluster groups items linked by scored pairs without chaining.
//
// Plain connected components chain: A~B and B~C put A with C even when A and C
// are clearly different companies ("Hyundai Motor" ~ "Hyundai Motors" ~
// "Hyundai Mobis"?). This package uses constrained average linkage over the
// candidate edges instead:
//
//  1. Edges at or above Threshold, and those marked Reciprocal, are taken
//     in descending score (ties by item index, so the result never depends
//     on input order).
//  2. An edge between two groups merges them only if no pair across the two
//     groups is in conflict (the Scorer says so: explicit negative evidence
//     such as Hyundai Motor / Hyundai Mobis) with a score below
//     LinkThreshold. Pairs with nothing in common are not conflicts: sanctions
//     aliases and translations of one name look unrelated. The cross pairs
//     are scored on demand (at most Sample members per side, chosen
//     deterministically, so a merge decision costs at most Sample² scorings).
//  3. Investigator decisions: a CannotLink pair is never put in one group,
//     directly or through others. MustLink pairs are applied after the
//     scored edges, each joining the two whole groups its items are in
//     (unless that would join a CannotLink pair): a "same" decision adds a
//     link and never splits what the edges joined. Applied first, the joined
//     pair would be one group before the edges are taken, and a member that
//     conflicts with one side would keep the other side's cluster from
//     joining it, pulling the judged name out of its cluster.
//
// Every accepted merge records the edge that made it, so the groups come with
// a spanning tree that explains them (Links).
//
// Cost: O(E log E) for sorting plus at most Sample² scorings per merge attempt.
package cluster

import (
	"slices"
)

// Params are the clustering tunables.
type Params struct {
	Threshold float64 // edges below are ignored, unless Reciprocal
	// CrossThreshold, when above Threshold, is the Threshold of a pair of
	// names written in different scripts (see EdgeThreshold).
	CrossThreshold float64
	LinkThreshold  float64 // a conflicting cross pair below this blocks a merge
	// ReciprocalFloor and ReciprocalMargin are the least score and the
	// least lead over the next candidate of a reciprocal best match across
	// scripts (package engine finds them; ReciprocalFloor 0: none).
	ReciprocalFloor, ReciprocalMargin float64
	Sample                            int // members per side scored for a merge decision
	// Progress, if set, is told every 65,536 edges how many of the edges at
	// or above Threshold have been taken (not a tunable: for progress bars).
	Progress func(done, total int)
}

// EdgeThreshold is the least score of a direct edge between two names;
// cross says that one is written in Latin letters and the other in another
// script (package match's CrossScript). Such a pair meets on readings,
// glosses and sounds, weaker evidence than letters: between Threshold and
// CrossThreshold it is linked only as a reciprocal best match, which the
// caller finds (package engine).
func (p Params) EdgeThreshold(cross bool) float64 {
	if cross && p.CrossThreshold > p.Threshold {
		return p.CrossThreshold
	}
	return p.Threshold
}

// Edge is a scored pair of items.
type Edge struct {
	A, B  int32
	Score float64
	// Reciprocal marks an edge below Threshold taken because each item is
	// the other's best match across scripts (see package engine).
	Reciprocal bool
}

// Link explains why an item joined its group: the edge that merged it.
type Link struct {
	From, To  int32 // From joined the group through To
	Score     float64
	Judgement string // "same" when an investigator decision made the link
	// Reciprocal is set when the edge was a reciprocal best match below
	// Threshold.
	Reciprocal bool
}

// Scorer scores any two items on demand and says whether they conflict.
type Scorer func(a, b int32) (score float64, conflict bool)

// Constraints are investigator decisions between items.
type Constraints struct {
	MustLink   [][2]int32
	CannotLink [][2]int32
}

// Result holds the groups (each sorted, groups ordered by their first item)
// and, for every merge, the link that made it.
type Result struct {
	Groups [][]int32
	Links  []Link
	// Refused lists must-link pairs that could not be honoured because of a
	// cannot-link decision: conflicting judgements, reported not resolved.
	Refused [][2]int32
}

type state struct {
	parent  []int32
	members [][]int32
	cannot  map[int32][]int32
}

func (s *state) find(x int32) int32 {
	for s.parent[x] != x {
		s.parent[x] = s.parent[s.parent[x]]
		x = s.parent[x]
	}
	return x
}

func (s *state) union(a, b int32) {
	ra, rb := s.find(a), s.find(b)
	if ra == rb {
		return
	}
	if len(s.members[ra]) < len(s.members[rb]) || (len(s.members[ra]) == len(s.members[rb]) && rb < ra) {
		ra, rb = rb, ra
	}
	s.parent[rb] = ra
	s.members[ra] = append(s.members[ra], s.members[rb]...)
	s.members[rb] = nil
}

// forbidden reports whether any cannot-link pair spans the two groups.
func (s *state) forbidden(ra, rb int32) bool {
	if len(s.cannot) == 0 {
		return false
	}
	small, other := ra, rb
	if len(s.members[ra]) > len(s.members[rb]) {
		small, other = rb, ra
	}
	for _, x := range s.members[small] {
		for _, y := range s.cannot[x] {
			if s.find(y) == other {
				return true
			}
		}
	}
	return false
}

// Run clusters n items.
func Run(n int, edges []Edge, score Scorer, p Params, c Constraints) Result {
	s := &state{parent: make([]int32, n), members: make([][]int32, n), cannot: map[int32][]int32{}}
	for i := range s.parent {
		s.parent[i] = int32(i)
		s.members[i] = []int32{int32(i)}
	}
	for _, pr := range c.CannotLink {
		s.cannot[pr[0]] = append(s.cannot[pr[0]], pr[1])
		s.cannot[pr[1]] = append(s.cannot[pr[1]], pr[0])
	}
	var res Result
	sorted := make([]Edge, 0, len(edges))
	for _, e := range edges {
		if (e.Score >= p.Threshold || e.Reciprocal) && e.A != e.B {
			if e.A > e.B {
				e.A, e.B = e.B, e.A
			}
			sorted = append(sorted, e)
		}
	}
	slices.SortFunc(sorted, func(x, y Edge) int {
		switch {
		case x.Score != y.Score:
			if x.Score > y.Score {
				return -1
			}
			return 1
		case x.A != y.A:
			return int(x.A - y.A)
		}
		return int(x.B - y.B)
	})
	for i, e := range sorted {
		if p.Progress != nil && i%65536 == 65535 {
			p.Progress(i+1, len(sorted))
		}
		ra, rb := s.find(e.A), s.find(e.B)
		if ra == rb || s.forbidden(ra, rb) {
			continue
		}
		if !s.linkable(ra, rb, score, p) {
			continue
		}
		s.union(ra, rb)
		res.Links = append(res.Links, Link{From: e.B, To: e.A, Score: e.Score, Reciprocal: e.Reciprocal})
	}
	for _, pr := range c.MustLink {
		ra, rb := s.find(pr[0]), s.find(pr[1])
		if ra == rb {
			continue
		}
		if s.forbidden(ra, rb) {
			res.Refused = append(res.Refused, pr)
			continue
		}
		s.union(ra, rb)
		res.Links = append(res.Links, Link{From: pr[1], To: pr[0], Score: 1, Judgement: "same"})
	}

	for i := range s.members {
		if s.parent[i] == int32(i) {
			g := s.members[i]
			slices.Sort(g)
			res.Groups = append(res.Groups, g)
		}
	}
	slices.SortFunc(res.Groups, func(x, y []int32) int { return int(x[0] - y[0]) })
	return res
}

// linkable refuses a merge when any sampled cross pair is in conflict and
// scores below LinkThreshold.
func (s *state) linkable(ra, rb int32, score Scorer, p Params) bool {
	ma, mb := sample(s.members[ra], p.Sample), sample(s.members[rb], p.Sample)
	if len(ma) == 1 && len(mb) == 1 {
		return true // the edge itself is the only pair, and it passed Threshold
	}
	for _, x := range ma {
		for _, y := range mb {
			if v, conflict := score(x, y); conflict && v < p.LinkThreshold {
				return false
			}
		}
	}
	return true
}

// sample picks at most k members, spread evenly over the sorted group, so the
// choice depends only on the group's content.
func sample(m []int32, k int) []int32 {
	if k <= 0 || len(m) <= k {
		return m
	}
	sorted := slices.Clone(m)
	slices.Sort(sorted)
	out := make([]int32, 0, k)
	step := float64(len(sorted)) / float64(k)
	for i := 0; i < k; i++ {
		out = append(out, sorted[int(float64(i)*step)])
	}
	return out
}
