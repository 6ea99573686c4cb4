package phon

import "testing"

// The spelling skeleton of a coined word meets the skeleton of its
// transcription often enough to block on, at no pronunciation cost.
func TestQuickSkeletons(t *testing.T) {
	for _, c := range []struct {
		en, native string
		script     byte
	}{
		{"medizen", "메디젠", 'h'},
		{"solumix", "솔루믹스", 'h'},
		{"piolink", "파이오링크", 'h'},
		{"network", "네트워크", 'h'},
		{"saizeriya", "サイゼリヤ", 'k'},
		{"idachem", "이다켐", 'h'},     // a hard ch
		{"withna", "위드나", 'h'},      // a voiced th
		{"derkmo", "덕모", 'h'},       // an r before a consonant is not written
		{"porter", "포터", 'h'},       // nor at the end
		{"morten", "モーテン", 'k'},     // nor in katakana
		{"meditone", "メディトーン", 'k'}, // ディ keys as ジ
		{"lorits", "ロリッツ", 'k'},     // ts is ツ
	} {
		nat, _ := NativeSkeleton(c.native)
		found := false
		QuickSkeletons(c.en, c.script, func(sk string) { found = found || sk == nat })
		if !found {
			var got []string
			QuickSkeletons(c.en, c.script, func(sk string) { got = append(got, sk) })
			t.Errorf("%s: skeletons %q, want %q (of %s)", c.en, got, nat, c.native)
		}
	}
}

// NativeFirstSound is the first byte of NativeSkeleton.
func TestNativeFirstSound(t *testing.T) {
	for _, s := range []string{"메디젠", "솔루믹스", "에이비씨", "아이", "오", "한빛", "サイゼリヤ", "アイ", "ー", "abc", "", "電線", "홀딩스", "ホールディングス"} {
		sk, _ := NativeSkeleton(s)
		want := byte(0)
		if sk != "" {
			want = sk[0]
		}
		if got := NativeFirstSound(s); got != want {
			t.Errorf("NativeFirstSound(%q) = %q, want %q (skeleton %q)", s, got, want, sk)
		}
	}
}
