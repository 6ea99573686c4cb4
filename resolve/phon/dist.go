package phon

// maxKey is the longest key compared by keyDist.
const maxKey = 63

// symClass groups key symbols whose exchange costs half an edit: vowels,
// glides with their vowels, and consonants that differ by voicing or that
// the two scripts write alike.
var symClass = func() (c [128]byte) {
	for i, group := range []string{
		"aeiouyw",               // vowels and glides
		"GK", "DT", "BP", "JCS", // Korean
		"kg", "td", "sz", "xjcT", "bp", "hf", "nm", // Japanese
	} {
		for j := 0; j < len(group); j++ {
			c[group[j]] = byte(i + 1)
		}
	}
	return c
}()

func subCost(a, b byte) int {
	switch {
	case a == b:
		return 0
	case a < 128 && b < 128 && symClass[a] != 0 && symClass[a] == symClass[b]:
		return 1
	}
	return 2
}

func indelCost(c byte) int {
	if c < 128 && (symClass[c] == 1 || c == 'H' || c == 'h') {
		return 1
	}
	return 2
}

// keyDist is the weighted edit distance of two keys in half edits, or a
// value ≥ bound once it cannot be below bound. Both keys are at most maxKey
// bytes.
//
// Every insertion or deletion costs at least one half edit, so aligning
// a[:i] with b[:j] costs at least |i−j|: only the cells of the band
// |i−j| < bound can lie on an alignment cheaper than bound, and the others
// are not computed (they count as bound).
func keyDist(a []byte, b string, bound int) int {
	if len(a)-len(b) >= bound || len(b)-len(a) >= bound {
		return bound
	}
	var rows [2][maxKey + 1]int
	prev, cur := &rows[0], &rows[1]
	prev[0] = 0
	for j := 1; j <= min(len(b), bound-1); j++ {
		prev[j] = prev[j-1] + indelCost(b[j-1])
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-bound+1), min(len(b), i+bound-1) // the band of row i
		rowMin := bound
		if lo == 1 {
			cur[0] = prev[0] + indelCost(a[i-1])
			rowMin = cur[0]
		} else {
			cur[lo-1] = bound // left of the band
		}
		if i+bound-1 <= len(b) {
			prev[i+bound-1] = bound // right of the previous row's band
		}
		for j := lo; j <= hi; j++ {
			v := prev[j-1] + subCost(a[i-1], b[j-1])
			if d := prev[j] + indelCost(a[i-1]); d < v {
				v = d
			}
			if d := cur[j-1] + indelCost(b[j-1]); d < v {
				v = d
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin >= bound {
			return bound
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], bound)
}
