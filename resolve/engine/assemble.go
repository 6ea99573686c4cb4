package engine

import (
	"slices"
	"strings"

	"github.com/resolve-tool/resolve/resolve/cluster"
	"github.com/resolve-tool/resolve/resolve/match"
)

// assemble turns name groups into row clusters with a canonical name and a
// tree of links rooted at it.
func assemble(rowName []int, rows []Row, names []*match.Name, cr cluster.Result) []Cluster {
	// Each name's rows, ascending, as slices of one array (a slice grown
	// per name was 750,000 small allocations at a million rows).
	off := make([]int, len(names)+1)
	for _, id := range rowName {
		off[id+1]++
	}
	for i := range names {
		off[i+1] += off[i]
	}
	all := make([]int, len(rowName))
	fill := slices.Clone(off[:len(names)])
	for i, id := range rowName {
		all[fill[id]] = i
		fill[id]++
	}
	fill = nil
	rowsOf := make([][]int, len(names))
	for id := range names {
		rowsOf[id] = all[off[id]:off[id+1]:off[id+1]]
	}
	adj := make([][]cluster.Link, len(names)) // name id → its links, both ways
	for _, l := range cr.Links {
		adj[l.From] = append(adj[l.From], l)
		adj[l.To] = append(adj[l.To], cluster.Link{From: l.To, To: l.From, Score: l.Score, Judgement: l.Judgement, Reciprocal: l.Reciprocal})
	}
	out := make([]Cluster, 0, len(cr.Groups))
	var queue []int32
	for _, g := range cr.Groups {
		c := Cluster{Names: make([]int, 0, len(g))}
		n := 0
		for _, id := range g {
			n += len(rowsOf[id])
		}
		c.Rows = make([]int, 0, n)
		for _, id := range g {
			c.Names = append(c.Names, int(id))
			c.Rows = append(c.Rows, rowsOf[id]...)
		}
		slices.Sort(c.Rows)
		c.Canonical = canonical(c.Names, rowsOf, names)
		if len(g) > 1 {
			// Breadth-first from the canonical name over the merge tree;
			// a name is visited once it has a link or is the root.
			c.Links = make(map[int]Link, len(g)-1)
			queue = append(queue[:0], int32(c.Canonical))
			for len(queue) > 0 {
				x := queue[0]
				queue = queue[1:]
				for _, l := range adj[x] {
					if _, seen := c.Links[int(l.To)]; seen || int(l.To) == c.Canonical {
						continue
					}
					c.Links[int(l.To)] = Link{To: int(x), Score: l.Score, Judgement: l.Judgement, Reciprocal: l.Reciprocal}
					queue = append(queue, l.To)
				}
			}
		}
		out = append(out, c)
	}
	// Largest clusters first, then by first row, for a readable report.
	// No two clusters share a row, so the order is total and needs no
	// stable sort (the stable one cost twice as much).
	slices.SortFunc(out, func(a, b Cluster) int {
		if len(a.Rows) != len(b.Rows) {
			return len(b.Rows) - len(a.Rows)
		}
		return a.Rows[0] - b.Rows[0]
	})
	return out
}

// canonical picks the name most rows use; ties go to the most complete form
// (more words, a legal form), then mixed case over capitals, then the
// smallest string.
func canonical(ids []int, rowsOf [][]int, names []*match.Name) int {
	best := ids[0]
	better := func(a, b int) bool {
		if len(rowsOf[a]) != len(rowsOf[b]) {
			return len(rowsOf[a]) > len(rowsOf[b])
		}
		wa, wb := len(names[a].Words)+len(names[a].LegalForms), len(names[b].Words)+len(names[b].LegalForms)
		if wa != wb {
			return wa > wb
		}
		if ua, ub := isUpper(names[a].Raw), isUpper(names[b].Raw); ua != ub {
			return ub // prefer the form written in mixed case
		}
		return names[a].Raw < names[b].Raw
	}
	for _, id := range ids[1:] {
		if better(id, best) {
			best = id
		}
	}
	return best
}

func isUpper(s string) bool { return s == strings.ToUpper(s) && s != strings.ToLower(s) }
