package main

import (
	"slices"
	"strings"
	"testing"
)

// A transducer in lt-print's format: two entries sharing their first
// letters, the Russian side one letter behind the Belarusian (an ε on the
// input), tags with a loop (the any-tag of a dictionary), and a verb that
// is not kept.
const att = "0\t1\tс\tс\t0.000000\n" +
	"1\t2\tа\tо\t0.000000\n" +
	"2\t3\tю\tю\t0.000000\n" +
	"3\t4\tз\tз\t0.000000\n" +
	"4\t5\t<n>\t<n>\t0.000000\n" +
	"5\t5\t<sg>\t<sg>\t0.000000\n" +
	"5\t6\tε\tε\t0.000000\n" +
	"1\t7\tы\tы\t0.000000\n" +
	"7\t8\tε\tн\t0.000000\n" +
	"8\t9\t<adj>\t<adj>\t0.000000\n" +
	"9\t6\tε\tε\t0.000000\n" +
	"0\t10\tб\tб\t0.000000\n" +
	"10\t11\t<vblex>\t<vblex>\t0.000000\n" +
	"11\t6\tε\tε\t0.000000\n" +
	"6\t0.000000\n"

func TestEntries(t *testing.T) {
	fst, err := parseATT(strings.NewReader(att))
	if err != nil {
		t.Fatal(err)
	}
	got := fst.entries()
	want := []entry{{"саюз", "союз", "<n>"}, {"сы", "сын", "<adj>"}, {"б", "б", "<vblex>"}}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("entries: no %v in %v", w, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("entries = %v, want %v", got, want)
	}
	rows := rowsOf(got)
	if len(rows) != 2 {
		t.Errorf("rowsOf kept %v, want the noun and the adjective", rows)
	}
}
