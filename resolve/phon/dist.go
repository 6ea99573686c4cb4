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
func keyDist(a []byte, b string, bound int) int {
	var rows [2][maxKey + 1]int
	prev, cur := &rows[0], &rows[1]
	prev[0] = 0
	for j := 1; j <= len(b); j++ {
		prev[j] = prev[j-1] + indelCost(b[j-1])
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = prev[0] + indelCost(a[i-1])
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
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
	return prev[len(b)]
}
