// Package romanize gives romanisation-variant keys to name tokens that are
// already written in Latin letters, so that two spellings of the same
// syllables get the same key and different syllables get different keys:
//
//	Key("kyungki") == Key("gyeonggi") == Key("kyeonggi")   // "kyonkki"
//	Key("zhang") == Key("chang")                           // "cank"
//	Key("obshchestvo") == Key("obschestvo")                // "obSestvo"
//	Key("kyungki") != Key("kyungshin")
//
// Entry points: Key(token) for the key, Syllables(token) for the syllables
// a token was read as, Explain(a, b) for a one-line reason that two tokens
// match (or don't), for the match explanation. Package translit makes
// Latin out of other scripts; this package only compares Latin spellings.
//
// # Algorithm
//
// A token (lowercase ASCII letters) is read three ways, first match wins:
//
//  1. As Korean syllables: the token is split into onset + nucleus + coda
//     spellings of Revised Romanization, typed McCune–Reischauer (ŏ, ŭ and
//     the aspiration apostrophe dropped) and common company spellings
//     (Hyundai ai, Daewoo woo, Poongsan oo, Lee ee, Choi oi, Park rk, Rhee
//     rh). Each part maps to a class that merges what the systems write
//     differently: onsets g=k, d=t, b=p, j=ch, s=sh, r=l=rh; nuclei
//     eo=o=u=eu=oo (ㅓㅗㅜㅡ: MR writes ㅓ as o, companies write it as u),
//     yeo=yo=yu, ae=e=ai, oe=wae=we=oi, i=ee=ui=eui=yi. The key then applies
//     what RR writes and older spellings do not: an initial ㄹ before i/y is
//     dropped in tokens of one or two syllables (Lee = Yi = Rhee = Ri,
//     Ryonha = Yunha), and nasalisation and ㄹ assimilation
//     at syllable boundaries (kookmin = gungmin, shinla = silla, jongro =
//     jongno). The coda ng is written "nk", the same as coda n + onset g, so
//     that RR's boundary ambiguity does not matter (seong-yeong and
//     seon-gyeong both give "sonkyonk", as does Sunkyong).
//  2. As Mandarin syllables, from the pinyin and Wade–Giles columns of the
//     kaifangcidian syllable table (data/, CC BY 3.0, see data/NOTICE):
//     each spelling goes to its pinyin syllable, rendered in the same key
//     alphabet (zh=ch=j=q=z=c=ts, x=hs=sh=s, g=k, b=p, d=t, ü after a
//     consonant = u). A token that reads both ways is read as the one with
//     fewer syllables, Korean on a tie: "guang" is one Mandarin syllable,
//     not Korean gu-ang; "chang" and "busan" are Korean.
//  3. Otherwise, as a European (mostly Russian) transliteration: a
//     left-to-right rewrite that merges the Cyrillic transliteration
//     schemes: shch=sch=shh=sh=sz (ш/щ), zh (ж), kh=h and an initial x (х),
//     other x = ks, ch=tch=tsch=cz (ч), ts=tz and c before e/i/y (ц), other c
//     and q = k, ph=f, w=v, th=t; a run of y/i/j before a vowel is a glide y,
//     dropped before e (ye=e, so Alekseyev = Alekseev); before a consonant
//     or at the end it is i (Yuzhny = Iuzhnyi = Juzhnyj, Aleksey = Aleksei);
//     double letters are single. Codes S Z H C T mark ш/щ ж х ч ц.
//
// Worked examples:
//
//	hyundai   hyun-dai   → hyon·te        hyeondae  hyeon-dae → hyon·te
//	daewoo    dae-woo    → te·o           daeu      dae-u     → te·o
//	samsung   sam-sung   → sam·sonk       samseong  sam-seong → sam·sonk
//	kookmin   kook-min   → konk·min       gungmin   gung-min  → konk·min
//	kaohsiung kao-hsiung → kao·syonk      gaoxiong  gao-xiong → kao·syonk
//	alexeev   (generic)  → aleksev        alekseyev (generic) → aleksev
//	rain      r-ai-n     → len            rainbow   (generic) → rainbov
//
// Segmentation takes the fewest syllables, and among those the longest
// syllables from the left (daeu is dae-u, not da-eu). Tokens longer than 48
// letters get the generic key.
//
// # What merges and what does not
//
// The merges are lossy on purpose. Within Korean, ㅓ ㅗ ㅜ ㅡ are one class,
// so samsung = samsong, son = sun, and English words that happen to read as
// Korean syllables merge the same way (golden = gulden); aspiration and
// ㅐ/ㅔ are not distinguished. Kept apart: busan ≠ besan (u and e are
// different classes), kumho ≠ kumhwa, hyundai ≠ honda (the y glide and
// ae ≠ a), shin ≠ shine, kyungki ≠ kyungshin. Not merged: Wade–Giles j
// (= pinyin r: jen ≠ ren), ko/ho (WG for ge/he), ssu (WG for si); these
// Wade–Giles spellings read as Korean first. 414 of the 437 rows of the
// Mandarin table give the same key in pinyin and in Wade–Giles. In the
// generic key, ch is ч, so chimprom ≠ khimprom, and z is з, so zentr ≠
// tsentr.
//
// # Properties and cost
//
// Key is deterministic, total (any string, no panic) and allocates only its
// result: the syllable tables are built once, on first use, into two
// tries; a token of n letters costs two O(n·6) dynamic programmes over the
// tries and one linear rewrite. Key is not idempotent (keys use a different
// alphabet from tokens): don't key a key. Tokens with bytes other than ASCII
// letters are returned lowercased and unchanged.
package romanize
