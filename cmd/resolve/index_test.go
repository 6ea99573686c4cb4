package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// End to end: SDN_ADVANCED.XML indexed, a run matching two of its
// entities, and the FtM output naming OFAC as the authority, the listed
// records apart from the clusters, and the ownership the file records.
func TestIndexOFACAdvancedToFtM(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "s.db")
	var sink bytes.Buffer
	args := []string{"index", "ofac", "../../verify/bulk/testdata/ofac/SDN_ADVANCED.XML", "--store", store}
	if code := run(context.Background(), args, strings.NewReader(""), &sink, &sink); code != exitOK {
		t.Fatalf("index: exit %d\n%s", code, sink.String())
	}
	in := writeFile(t, dir, "in.csv", "name,country\nVymysel Logistik LLC,RU\nPrimer-Avto JSC,RU\n")
	out := filepath.Join(dir, "out.ftm")
	sink.Reset()
	args = []string{"--in", in, "--store", store, "--format", "ftm", "--out", out, "--log-format", "json"}
	if code := run(context.Background(), args, strings.NewReader(""), &sink, &sink); code != exitOK {
		t.Fatalf("run: exit %d\n%s", code, sink.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	type entity struct {
		ID         string              `json:"id"`
		Schema     string              `json:"schema"`
		Properties map[string][]string `json:"properties"`
	}
	byID := map[string]entity{}
	bySchema := map[string][]entity{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var e entity
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		byID[e.ID] = e
		bySchema[e.Schema] = append(bySchema[e.Schema], e)
	}
	name := func(id string) string {
		if n := byID[id].Properties["name"]; len(n) > 0 {
			return n[0]
		}
		return ""
	}
	if n := len(bySchema["Sanction"]); n != 2 {
		t.Fatalf("%d Sanction entities, want 2:\n%s", n, b)
	}
	for _, s := range bySchema["Sanction"] {
		p := s.Properties
		if !strings.Contains(strings.Join(p["authority"], ""), "Office of Foreign Assets Control") || len(p["authorityId"]) != 1 ||
			!strings.HasPrefix(name(p["entity"][0]), "VYMYSEL") && !strings.HasPrefix(name(p["entity"][0]), "PRIMER") {
			t.Errorf("sanction %+v", p)
		}
		if strings.HasPrefix(p["entity"][0], "resolve-C") || byID[p["entity"][0]].Properties["idNumber"][0] != p["authorityId"][0] {
			t.Errorf("a sanction must be on the listed record, which carries the entity number: %+v", p)
		}
	}
	if n := len(bySchema["Similar"]); n < 2 {
		t.Errorf("%d Similar entities, want one per match", n)
	}
	var owned bool
	for _, o := range bySchema["Ownership"] {
		if name(o.Properties["owner"][0]) == "VYMYSEL LOGISTIK LLC" && name(o.Properties["asset"][0]) == "PRIMER-AVTO JSC" {
			owned = true
		}
	}
	if !owned {
		t.Errorf("no Ownership of PRIMER-AVTO JSC by VYMYSEL LOGISTIK LLC: %+v", bySchema["Ownership"])
	}
	checkFtM(t, out)
}
