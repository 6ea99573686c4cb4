package match

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/resolve-tool/resolve/resolve/legalform"
)

func TestZZFuzzy(t *testing.T) {
	path := os.Getenv("DBG_NAMES")
	if path == "" {
		t.Skip()
	}
	f, _ := os.Open(path)
	sc := bufio.NewScanner(f)
	seen := map[string]bool{}
	for sc.Scan() {
		n := Analyse(sc.Text(), "")
		for _, fo := range n.LegalForms {
			if _, ok := legalform.Match(strings.Fields(fo.Text)); !ok && !seen[fo.Text] && fo.Form.Canonical != "" {
				seen[fo.Text] = true
				fmt.Printf("%s  =>  %q (%s)\n", sc.Text(), fo.Text, fo.Form.Canonical)
			}
		}
	}
}
