package phon

// Katakana transcription of English pronunciations by the usual
// conventions of Japanese loanwords (外来語の表記, 1991, and common usage):
//
//   - long vowels with ー: team チーム, card カード, server サーバー; ər is
//     アー, final -er -or -ar too (center センター); ɔ written a, au, aw is
//     オー (ball ボール), written o short (dog ドッグ, soft ソフト).
//   - diphthongs by their parts: time タイム, house ハウス, point ポイント;
//     eɪ is エー inside a word and エイ at its end (table テーブル, day デイ).
//   - ɛə ɪə ʊə are エア イア ウア (care ケア, engineer エンジニア, tour ツアー).
//   - consonants without a vowel take ウ, t d take オ (ト ド), tʃ dʒ take イ
//     (チ ジ), ʃ is シュ: desk デスク, bed ベッド, switch スイッチ, flash
//     フラッシュ; m before p b is ン (camp キャンプ), ŋ is ング, ン before k g
//     (king キング, bank バンク); l and r are ラ行 (global グローバル).
//   - ッ before a final stop after a short vowel (tech テック, cat キャット,
//     network ネットワーク) and for a doubled pp, ck, gg, tch (happy ハッピー).
//   - ti di are ティ ディ (チ ジ as variants), tu ツ, v is バ行 (ヴ as
//     variant), f is ファ フィ フ フェ フォ, w is ワ ウィ ウェ ウォ and after a
//     consonant ク+イ (quick クイック, swing スイング); kæ gæ are キャ ギャ
//     (cat キャット); j joins the vowel (cute キュート).
//   - schwas by their letter (chemical ケミカル, system システム, London
//     ロンドン), -le without a vowel (apple アップル), plural -s ズ, ス after
//     ŋ (holdings ホールディングス).

// jmode selects the variant forms of a katakana transcription.
type jmode uint8

const (
	// jSpell reads simple vowels by their letter (media メディア, radio
	// ラジオ, academy アカデミー) and -or as オル (vector ベクトル).
	jSpell jmode = 1 << iota
	// jAlt takes the variant conventions: no ー on final -er -y, エイ/エー
	// swapped, ス/ズ swapped for plural -s.
	jAlt
	// jKana writes ヴ for v and チ ジ for ti di. The keys do not tell these
	// apart, so the index skips this mode.
	jKana
)

const (
	ja = iota
	ji
	ju
	je
	jo
)

// jRow is the kana of each vowel (a i u e o) after a consonant phone.
var jRow = [nPhones][5]string{
	pNone: {"ア", "イ", "ウ", "エ", "オ"},
	pK:    {"カ", "キ", "ク", "ケ", "コ"},
	pG:    {"ガ", "ギ", "グ", "ゲ", "ゴ"},
	pNG:   {"ガ", "ギ", "グ", "ゲ", "ゴ"},
	pS:    {"サ", "シ", "ス", "セ", "ソ"},
	pTH:   {"サ", "シ", "ス", "セ", "ソ"},
	pZ:    {"ザ", "ジ", "ズ", "ゼ", "ゾ"},
	pDH:   {"ザ", "ジ", "ズ", "ゼ", "ゾ"},
	pSH:   {"シャ", "シ", "シュ", "シェ", "ショ"},
	pZH:   {"ジャ", "ジ", "ジュ", "ジェ", "ジョ"},
	pJH:   {"ジャ", "ジ", "ジュ", "ジェ", "ジョ"},
	pCH:   {"チャ", "チ", "チュ", "チェ", "チョ"},
	pT:    {"タ", "ティ", "ツ", "テ", "ト"},
	pD:    {"ダ", "ディ", "ドゥ", "デ", "ド"},
	pN:    {"ナ", "ニ", "ヌ", "ネ", "ノ"},
	pHH:   {"ハ", "ヒ", "フ", "ヘ", "ホ"},
	pF:    {"ファ", "フィ", "フ", "フェ", "フォ"},
	pP:    {"パ", "ピ", "プ", "ペ", "ポ"},
	pB:    {"バ", "ビ", "ブ", "ベ", "ボ"},
	pV:    {"バ", "ビ", "ブ", "ベ", "ボ"},
	pM:    {"マ", "ミ", "ム", "メ", "モ"},
	pY:    {"ヤ", "イ", "ユ", "イェ", "ヨ"},
	pL:    {"ラ", "リ", "ル", "レ", "ロ"},
	pR:    {"ラ", "リ", "ル", "レ", "ロ"},
	pW:    {"ワ", "ウィ", "ウ", "ウェ", "ウォ"},
}

// jRowY is the kana after a consonant phone followed by j (cute キュート).
var jRowY = [nPhones][5]string{
	pNone: {"ヤ", "イ", "ユ", "イェ", "ヨ"},
	pK:    {"キャ", "キ", "キュ", "ケ", "キョ"},
	pG:    {"ギャ", "ギ", "ギュ", "ゲ", "ギョ"},
	pN:    {"ニャ", "ニ", "ニュ", "ニェ", "ニョ"},
	pHH:   {"ヒャ", "ヒ", "ヒュ", "ヒェ", "ヒョ"},
	pP:    {"ピャ", "ピ", "ピュ", "ピェ", "ピョ"},
	pB:    {"ビャ", "ビ", "ビュ", "ビェ", "ビョ"},
	pV:    {"ビャ", "ビ", "ビュ", "ビェ", "ビョ"},
	pM:    {"ミャ", "ミ", "ミュ", "ミェ", "ミョ"},
	pL:    {"リャ", "リ", "リュ", "リェ", "リョ"},
	pR:    {"リャ", "リ", "リュ", "リェ", "リョ"},
	pF:    {"フャ", "フィ", "フュ", "フェ", "フョ"},
	pT:    {"チャ", "チ", "チュ", "チェ", "チョ"},
	pD:    {"ジャ", "ジ", "デュ", "ジェ", "ジョ"},
	pS:    {"シャ", "シ", "シュ", "シェ", "ショ"},
	pTH:   {"シャ", "シ", "シュ", "シェ", "ショ"},
	pZ:    {"ジャ", "ジ", "ジュ", "ジェ", "ジョ"},
	pDH:   {"ジャ", "ジ", "ジュ", "ジェ", "ジョ"},
	pSH:   {"シャ", "シ", "シュ", "シェ", "ショ"},
	pZH:   {"ジャ", "ジ", "ジュ", "ジェ", "ジョ"},
	pJH:   {"ジャ", "ジ", "ジュ", "ジェ", "ジョ"},
	pCH:   {"チャ", "チ", "チュ", "チェ", "チョ"},
}

var jRowV = [5]string{"ヴァ", "ヴィ", "ヴ", "ヴェ", "ヴォ"}

// jBare is a vowel after a consonant and w (quick クイック, quality クオリティ).
var jBare = [5]string{"ワ", "イ", "ウ", "エ", "オ"}

// jAlone is the kana of a consonant phone that no vowel follows.
var jAlone = [nPhones]string{
	pP: "プ", pB: "ブ", pT: "ト", pD: "ド", pK: "ク", pG: "グ", pF: "フ", pV: "ブ",
	pTH: "ス", pDH: "ズ", pS: "ス", pZ: "ズ", pSH: "シュ", pZH: "ジュ", pCH: "チ",
	pJH: "ジ", pHH: "フ", pM: "ム", pN: "ン", pNG: "ング", pL: "ル", pR: "ル",
	pW: "ウ", pY: "イ",
}

// jCluster is the kana of a consonant before w at the start of a cluster
// (twist ツイスト, white ホワイト).
var jCluster = [nPhones]string{pT: "ツ", pD: "ド", pHH: "ホ"}

// jLetter is the vowel of a schwa by its letter (album アルバム: u is ア);
// jSpellLetter that of a full vowel read by its letter.
var (
	jLetter      = [26]int{'a' - 'a': ja, 'e' - 'a': je, 'i' - 'a': ji, 'o' - 'a': jo, 'u' - 'a': ja, 'y' - 'a': ji}
	jSpellLetter = [26]int{'a' - 'a': ja, 'e' - 'a': je, 'i' - 'a': ji, 'o' - 'a': jo, 'u' - 'a': ju, 'y' - 'a': ji}
)

// jbuild transcribes one pronunciation; it is reused between calls.
type jbuild struct {
	word string
	segs []seg
	m    jmode
	used jmode
	out  []byte
}

func (b *jbuild) flip(f jmode, v bool) bool {
	b.used |= f
	return v != (b.m&f != 0)
}

func (b *jbuild) phone(i int) byte {
	if i >= 0 && i < len(b.segs) {
		return b.segs[i].p
	}
	return pNone
}

func (b *jbuild) vowelAt(i int) bool { return isVowel(b.phone(i)) }

func (b *jbuild) put(s string) { b.out = append(b.out, s...) }

// katakana returns the transcription of segs (aligned to word) in mode m
// and the set of modes that would change it.
func (b *jbuild) katakana(word string, segs []seg, m jmode) (string, jmode) {
	b.word, b.segs, b.m, b.used = word, segs, m, 0
	b.out = b.out[:0]
	b.run()
	return string(b.out), b.used
}

func (b *jbuild) run() {
	segs := b.segs
	n := len(segs)
	onset := pNone
	glide := pNone // pY, pW (w after a vowel), or pNone
	bare := false  // w after a consonant cluster: bare vowels
	for i := 0; i < n; i++ {
		s := segs[i]
		if isVowel(s.p) {
			cls, tail, yg := b.vowel(i, onset)
			var k string
			switch {
			case bare:
				k = jBare[cls]
				if cls == ja && b.phone(i-1) == pW {
					k = "ワ"
				}
			case glide == pY || yg:
				k = jRowY[onset][cls]
				if k == "" {
					k = jRow[onset][cls]
				}
			case glide == pW && onset == pNone:
				k = jRow[pW][cls]
			case onset == pV && b.flip(jKana, false):
				k = jRowV[cls]
			case onset == pT && cls == ji && b.flip(jKana, false):
				k = "チ"
			case onset == pD && cls == ji && b.flip(jKana, false):
				k = "ジ"
			default:
				k = jRow[onset][cls]
			}
			b.put(k)
			b.put(tail)
			onset, glide, bare = pNone, pNone, false
			switch {
			case s.p == pAW && b.vowelAt(i+1):
				glide = pW // power パワー
			case s.p == pER && b.vowelAt(i+1):
				onset = pR // battery バッテリー: the r of ər before a vowel
			}
			continue
		}
		next := b.phone(i + 1)
		if s.p == pW || s.p == pY {
			if isVowel(next) {
				if s.p == pY && onset != pNone && segs[i+1].reduced() {
					b.put(jRow[onset][ji]) // million ミリオン, union ユニオン
					onset = pNone
					continue
				}
				if !bare {
					glide = s.p
				}
				continue
			}
			b.put(jAlone[s.p])
			continue
		}
		switch {
		case isVowel(next) && siaReading(segs, i):
			if s.p == pSH {
				b.put("シ") // Russia ロシア
			} else {
				b.put("ジ") // Asia アジア
			}
			continue
		case isVowel(next):
			if s.p == pNG {
				b.put("ン")
			} else if b.doubled(i) || (s.p == pSH && i > 0 && b.segs[i-1].short() && b.segs[i-1].stress > 0 && segs[i+1].reduced()) {
				b.put("ッ") // happy ハッピー, fashion ファッション
			}
			onset = s.p
			continue
		case next == pY && b.vowelAt(i+2):
			onset = s.p
			continue
		case next == pW && b.vowelAt(i+2) && (i == 0 || b.phone(i-1) == pS):
			if k := jCluster[s.p]; k != "" {
				b.put(k)
			} else {
				b.put(jAlone[s.p])
			}
			bare = s.p != pHH
			if !bare {
				glide = pW
			}
			continue
		}
		i = b.standalone(i)
	}
}

// doubled reports a stop written double (pp, ck, gg, cc, tch) after a short
// vowel before another vowel: happy ハッピー, locker ロッカー.
func (b *jbuild) doubled(i int) bool {
	s := b.segs[i]
	if i == 0 || !isVowel(b.phone(i-1)) || !b.segs[i-1].short() {
		return false
	}
	switch s.sp {
	case "pp", "gg", "cc", "tch", "dg":
		return true
	case "ck":
		n := b.phone(i + 1)
		return n == pER || n == pIY
	}
	return false
}

// sokuon reports ッ before the stop at i that no vowel follows: after a
// short vowel, at the end, before final s, or before a consonant that starts
// a new part (setback セットバック, network ネットワーク).
func (b *jbuild) sokuon(i int) bool {
	switch b.phone(i) {
	case pP, pT, pK, pCH, pJH, pD, pG, pSH:
	default:
		return false
	}
	if i == 0 || !isVowel(b.phone(i-1)) || !b.segs[i-1].short() {
		return false
	}
	n := len(b.segs)
	switch next := b.phone(i + 1); next {
	case pNone:
		return true
	case pS, pZ:
		return i+2 == n
	case pB, pD, pG, pP, pW, pHH, pM, pY:
		return true
	case pL, pR:
		switch b.segs[i].sp {
		case "pp", "ck", "gg", "cc":
			return true // apple アップル, buckle バックル
		}
	}
	return false
}

// standalone writes a consonant that no vowel follows and returns the index
// of the last phone it used.
func (b *jbuild) standalone(i int) int {
	segs := b.segs
	s := segs[i]
	n := len(segs)
	next := b.phone(i + 1)
	prevV := i > 0 && isVowel(segs[i-1].p)
	if b.sokuon(i) {
		b.put("ッ")
	}
	switch s.p {
	case pT:
		if next == pS && (i+2 == n || !b.vowelAt(i+2)) {
			b.put("ツ") // cats キャッツ
			return i + 1
		}
	case pD:
		if next == pZ && (i+2 == n || !b.vowelAt(i+2)) {
			b.put("ズ") // odds オッズ
			return i + 1
		}
	case pR:
		if prevV || i > 0 {
			return i // lengthening, written by the vowel
		}
	case pM:
		if next == pP || next == pB || next == pM {
			b.put("ン")
			return i
		}
	case pNG:
		if next == pK || next == pG {
			b.put("ン")
			return i
		}
	case pV:
		if b.flip(jKana, false) {
			b.put("ヴ")
			return i
		}
	case pZ:
		if next == pNone && (s.sp == "s" || s.sp == "es") && b.flip(jAlt, b.phone(i-1) == pNG) {
			b.put("ス") // holdings ホールディングス
			return i
		}
	}
	b.put(jAlone[s.p])
	return i
}

// vowel returns the vowel class of the first mora of the vowel at i, the
// kana that follow it (ー, イ, ア ...), and whether it takes a j glide.
func (b *jbuild) vowel(i int, onset byte) (cls int, tail string, yglide bool) {
	segs := b.segs
	s := segs[i]
	n := len(segs)
	final := i == n-1
	rNext := b.phone(i+1) == pR && !b.vowelAt(i+2)
	if rNext && i+2 == n {
		final = true
	}
	stressed := s.stress > 0
	long := func(c int, yes bool) (int, string, bool) {
		if yes {
			return c, "ー", false
		}
		return c, "", false
	}
	spell := s.single()
	if rNext || s.p == pAH || !spellable(s.p) {
		spell = 0 // r-coloured vowels (care ケア) and ʌ (bus バス) keep their sound
	}
	if spell != 0 && b.m&jSpell != 0 {
		b.used |= jSpell
		c := jSpellLetter[spell-'a']
		if s.p == pIY && final {
			return c, "ー", false // academy アカデミー
		}
		return c, "", false
	}
	if spell != 0 {
		b.used |= jSpell
	}
	switch s.p {
	case pAA:
		switch {
		case rNext:
			return ja, "ー", false
		case s.spelledO() || (b.phone(i-1) == pW && s.single() == 'a'):
			return jo, "", false
		}
		return ja, "", false
	case pAE:
		if stressed && (onset == pK || onset == pG) && b.flip(jSpell, true) {
			return ja, "", true // cat キャット
		}
		return ja, "", false
	case pAH:
		if s.reduced() {
			return b.reduced(i), "", false
		}
		return ja, "", false
	case pAO:
		if rNext {
			if final && endsRe(b.word) {
				return jo, "ア", false // store ストア
			}
			return jo, "ー", false
		}
		return long(jo, !s.spelledO())
	case pAW:
		if b.vowelAt(i + 1) {
			return ja, "", false // power パワー: the w is the next mora's
		}
		return ja, "ウ", false
	case pAY:
		if rNext {
			return ja, "イア", false
		}
		return ja, "イ", false
	case pEH:
		if rNext {
			return je, "ア", false
		}
		return je, "", false
	case pER:
		if b.vowelAt(i + 1) {
			if l := s.letter(); l != 0 {
				return jLetter[l-'a'], "", false // battery バッテリー
			}
			return ja, "", false
		}
		if s.stress == 0 && final {
			if s.sp == "or" {
				b.used |= jSpell
				if b.m&jSpell != 0 {
					return jo, "ル", false // vector ベクトル
				}
			}
			return long(ja, b.flip(jAlt, true)) // computer コンピューター / コンピュータ
		}
		return ja, "ー", false
	case pEY:
		if rNext {
			return je, "ア", false
		}
		if b.flip(jAlt, final) {
			return je, "イ", false
		}
		return je, "ー", false
	case pIH:
		if rNext || earBeforeVowel(b.word, segs, i) {
			return ji, "ア", false
		}
		if s.reduced() {
			return b.reduced(i), b.ageTail(i), false
		}
		return ji, "", false
	case pIY:
		if rNext || earBeforeVowel(b.word, segs, i) {
			return ji, "ア", false
		}
		if b.phone(i+1) == pOW && s.letter() == 'e' {
			return je, "", false // video ビデオ, stereo ステレオ
		}
		if stressed {
			return ji, "ー", false
		}
		return long(ji, final && b.flip(jAlt, true))
	case pOW:
		return long(jo, stressed)
	case pOY:
		return jo, "イ", false
	case pUH:
		if rNext {
			return ju, "ア", false
		}
		return ju, "", false
	case pUW:
		if rNext {
			return ju, "ア", false
		}
		return long(ju, stressed)
	}
	return ja, "", false
}

// ageTail is the ー of -age (image イメージ, package パッケージ).
func (b *jbuild) ageTail(i int) string {
	if b.segs[i].letter() == 'a' && b.phone(i+1) == pJH && i+2 == len(b.segs) {
		return "ー"
	}
	return ""
}

// reduced chooses the vowel of a schwa by its letter: chemical ケミカル,
// system システム, London ロンドン, -tion ション, album アルバム.
func (b *jbuild) reduced(i int) int {
	s := b.segs[i]
	l := s.letter()
	if s.p == pIH {
		switch l {
		case 'e':
			return je // market マーケット, college カレッジ
		case 'a':
			if b.phone(i+1) == pJH {
				return je // image イメージ
			}
		}
		return ji
	}
	n := len(b.segs)
	next, prev := b.phone(i+1), b.phone(i-1)
	if next == pN && i+2 == n && l == 'e' && (prev == pP || prev == pB || prev == pV || prev == pF) {
		return ju // seven セブン, open オープン
	}
	if l == 0 {
		if (next == pM || next == pN || next == pL) && i+2 == n {
			return ju // syllabic: rhythm リズム
		}
		return ja
	}
	if len(s.sp) >= 2 {
		switch s.sp[:2] {
		case "ai":
			return je // captain キャプテン
		case "ou":
			return ja // famous フェイマス
		}
	}
	return jLetter[l-'a']
}
