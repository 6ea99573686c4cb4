package romanize

// Rules of the generic key, as bits, for Explain.
const (
	ruleShch    uint16 = 1 << iota // shch, sch, shh, szcz, sh, sz → ш/щ
	ruleZh                         // zh → ж
	ruleKh                         // kh, h, word-initial x → х
	ruleX                          // x → ks
	ruleCh                         // tsch, tch, cz, ch → ч
	ruleTs                         // ts, tz, c before e/i/y → ц
	ruleC                          // c, ck, q → k
	rulePh                         // ph → f
	ruleW                          // w → v
	ruleTh                         // th → t
	ruleGlide                      // y/i/j before a vowel → y; ye/je/ie → e
	ruleIEnding                    // y, i, j, iy, yi, ij ... before a consonant or at the end → i
	ruleDouble                     // double letters → one
)

var ruleNames = [...]string{
	"shch/sch/sh=ш/щ", "zh=ж", "kh/h/x=х", "x=ks", "ch/tch/cz=ч",
	"ts/tz/c=ц", "c/ck/q=k", "ph=f", "w=v", "th=t",
	"y/i/j glide before a vowel (ye=e)", "y/i/j/iy/ij=i", "double letters",
}

func isVowel(c byte) bool { return c == 'a' || c == 'e' || c == 'o' || c == 'u' }

func isIYJ(c byte) bool { return c == 'i' || c == 'y' || c == 'j' }

// genericKey appends the transliteration-variant key of s (lowercase ASCII
// letters) to b and returns it with the rules that fired. Codes: S ш/щ,
// Z ж, H х, C ч, T ц; other letters stand for themselves.
func genericKey(b []byte, s []byte) ([]byte, uint16) {
	var rules uint16
	start := len(b)
	emit := func(c byte) {
		if len(b) > start && b[len(b)-1] == c {
			rules |= ruleDouble
			return
		}
		b = append(b, c)
	}
	has := func(i int, p string) bool {
		return len(s)-i >= len(p) && string(s[i:i+len(p)]) == p
	}
	n := len(s)
	for i := 0; i < n; {
		c := s[i]
		switch {
		case has(i, "shch") || has(i, "szcz"):
			emit('S')
			rules |= ruleShch
			i += 4
		case has(i, "sch") || has(i, "shh"):
			emit('S')
			rules |= ruleShch
			i += 3
		case has(i, "sh") || has(i, "sz"):
			emit('S')
			rules |= ruleShch
			i += 2
		case has(i, "zh"):
			emit('Z')
			rules |= ruleZh
			i += 2
		case has(i, "kh"):
			emit('H')
			rules |= ruleKh
			i += 2
		case c == 'h':
			emit('H')
			i++
		case c == 'x':
			if i == 0 {
				emit('H')
				rules |= ruleKh
			} else {
				emit('k')
				emit('s')
				rules |= ruleX
			}
			i++
		case has(i, "tsch"):
			emit('C')
			rules |= ruleCh
			i += 4
		case has(i, "tch"):
			emit('C')
			rules |= ruleCh
			i += 3
		case has(i, "ch") || has(i, "cz"):
			emit('C')
			if s[i+1] == 'z' {
				rules |= ruleCh
			}
			i += 2
		case has(i, "ts") || has(i, "tz"):
			emit('T')
			rules |= ruleTs
			i += 2
		case c == 'c':
			if i+1 < n && (s[i+1] == 'e' || s[i+1] == 'i' || s[i+1] == 'y') {
				emit('T')
				rules |= ruleTs
			} else {
				emit('k')
				rules |= ruleC
			}
			i++
		case c == 'q':
			emit('k')
			rules |= ruleC
			i++
		case has(i, "ph"):
			emit('f')
			rules |= rulePh
			i += 2
		case has(i, "th"):
			emit('t')
			rules |= ruleTh
			i += 2
		case c == 'w':
			emit('v')
			rules |= ruleW
			i++
		case isIYJ(c):
			j := i
			for j < n && isIYJ(s[j]) {
				j++
			}
			prevVowel := i == 0 || isVowel(s[i-1])
			if j < n && isVowel(s[j]) {
				if s[j] == 'e' && (c != 'i' || prevVowel) {
					rules |= ruleGlide // ye, je, or ie after a vowel: е
				} else {
					emit('y')
					if j-i > 1 || c != 'y' {
						rules |= ruleGlide
					}
				}
			} else {
				emit('i')
				if j-i > 1 || c != 'i' {
					rules |= ruleIEnding
				}
			}
			i = j
		default:
			emit(c)
			i++
		}
	}
	return b, rules
}
