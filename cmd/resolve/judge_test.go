package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 13 item 11: `resolve judge` does not record, without a word, a
// decision that contradicts earlier ones. It refuses (exit 2) naming them,
// and records it with --force, with a warning. Names are fictional.
func TestJudgeRefusesContradiction(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "j.csv")
	judge := func(args ...string) (int, string) {
		var out bytes.Buffer
		code := run(context.Background(), append(append([]string{"judge"}, args...), "--judgements", file, "--store", filepath.Join(dir, "s.db")),
			strings.NewReader(""), &out, &out)
		return code, out.String()
	}
	for _, args := range [][]string{
		{"different", "Quillfeather Trading Ltd", "Quillfeather Holdings Ltd"},
		{"same", "Harbourlight Supplies Ltd", "Harbourlight Supplies (HK) Limited"},
		{"same", "Harbourlight Supplies (HK) Limited", "海光供應有限公司"},
		{"same", "Quillfeather Trading Ltd", "Quillfeather Trading Limited"}, // agrees with the different
	} {
		if code, out := judge(args...); code != exitOK {
			t.Fatalf("judge %q: exit %d\n%s", args, code, out)
		}
	}
	before, _ := os.ReadFile(file)
	for _, tt := range []struct {
		what string
		args []string
		want []string // in the message
	}{
		{"same against a different, either order", []string{"same", "QUILLFEATHER HOLDINGS LTD", "Quillfeather Trading Ltd"},
			[]string{"j.csv:2: different", "contradicts"}},
		{"same through a chain", []string{"same", "Quillfeather Holdings Ltd", "Quillfeather Trading Limited"},
			[]string{"j.csv:2: different", "j.csv:5: same"}},
		{"different against a chain of sames", []string{"different", "Harbourlight Supplies Ltd", "海光供應有限公司"},
			[]string{"j.csv:3: same", "j.csv:4: same", "Harbourlight Supplies Ltd = Harbourlight Supplies (HK) Limited = 海光供應有限公司"}},
	} {
		t.Run(tt.what, func(t *testing.T) {
			code, out := judge(tt.args...)
			if code != exitUsage {
				t.Fatalf("exit %d, want %d\n%s", code, exitUsage, out)
			}
			for _, w := range append(tt.want, "judgement not recorded", "--force") {
				if !strings.Contains(out, w) {
					t.Errorf("message lacks %q:\n%s", w, out)
				}
			}
			if after, _ := os.ReadFile(file); !bytes.Equal(after, before) {
				t.Errorf("the file changed:\n%s", after)
			}
		})
	}
	// --force records it, with a warning.
	code, out := judge("same", "Quillfeather Holdings Ltd", "Quillfeather Trading Ltd", "--force")
	if code != exitOK || !strings.Contains(out, "contradicts earlier ones") {
		t.Fatalf("--force: exit %d\n%s", code, out)
	}
	if after, _ := os.ReadFile(file); !bytes.Contains(after, []byte("same,Quillfeather Holdings Ltd,Quillfeather Trading Ltd")) {
		t.Fatalf("--force did not record it:\n%s", after)
	}
	// A decision that contradicts nothing new still goes in, even though the
	// file now holds a conflict.
	if code, out := judge("different", "Harbourlight Supplies Ltd", "Quillfeather Trading Ltd"); code != exitOK {
		t.Fatalf("unrelated decision: exit %d\n%s", code, out)
	}
}
