package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestGawaboumgaRowShapes: rows of forms with an ELF code give it first and
// six columns more; both shapes give the country's ISO code, the names and
// the abbreviations (read from the wrong columns, 122 rows gave a country's
// name for its code and a language code for a name).
func TestGawaboumgaRowShapes(t *testing.T) {
	dir := t.TempDir()
	file := `AD:
"Andorra","AD","","","Sociedad Limitada","Spanish","es","Sociedad Limitada","S.L.;Ltda.",""

AR:
"F0A6","Argentina","AR","","","Sociedad Anonima","Spanish","es","Sociedad Anonima;Compania anonima","S.A.","","2020-11-19","ACTV","","",""
"Nowhere","","","","Not a row","English","en"
`
	if err := os.WriteFile(filepath.Join(dir, "gawaboumga_additional_legal_forms.txt"), []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	groups, err := loadGawaboumga(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 2 {
		t.Fatalf("%d groups, want 2: %+v", len(groups), groups)
	}
	want := []struct{ country, names, abbrs []string }{
		{[]string{"AD"}, []string{"Sociedad Limitada", "Sociedad Limitada"}, []string{"S.L.", "Ltda."}},
		{[]string{"AR"}, []string{"Sociedad Anonima", "Sociedad Anonima", "Compania anonima"}, []string{"S.A."}},
	}
	for i, g := range groups {
		if !slices.Equal(g.countries, want[i].country) || !slices.Equal(g.names, want[i].names) || !slices.Equal(g.abbrs, want[i].abbrs) {
			t.Errorf("row %d: countries %q names %q abbreviations %q; want %q %q %q", i, g.countries, g.names, g.abbrs,
				want[i].country, want[i].names, want[i].abbrs)
		}
	}
}
