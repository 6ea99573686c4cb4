package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
)

// Columns are written exactly as encoding/json writes the map of the same
// columns, under every encoder setting the tool uses, and read back.
func TestColumnsJSONAsMap(t *testing.T) {
	maps := []map[string]string{
		{"hs_code": "8471.30", "consignee": "Acme Widgets Intl", "status": "cleared"},
		{"note": "<b>&amp;</b> \u2028 line\u2029", "z": "", "a": "invalid \xff utf-8", "ключ": "значение", "\"q\"": "tab\there"},
		{"only": "one"},
	}
	type holder struct {
		Extra Columns `json:"extra,omitzero"`
	}
	type mapHolder struct {
		Extra map[string]string `json:"extra,omitempty"`
	}
	encode := func(v any, html bool, indent string) []byte {
		var b bytes.Buffer
		e := json.NewEncoder(&b)
		e.SetEscapeHTML(html)
		e.SetIndent("", indent)
		if err := e.Encode(v); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	for _, m := range append(maps, nil) {
		c := ColumnsOf(m)
		for _, html := range []bool{true, false} {
			for _, indent := range []string{"", "  "} {
				got, want := encode(holder{c}, html, indent), encode(mapHolder{m}, html, indent)
				if !bytes.Equal(got, want) {
					t.Errorf("html %v indent %q:\n got %s\nwant %s", html, indent, got, want)
				}
			}
		}
		// Read back as a map would be (invalid UTF-8 comes back replaced).
		var back holder
		var backMap mapHolder
		if err := json.Unmarshal(encode(holder{c}, true, ""), &back); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(encode(mapHolder{m}, true, ""), &backMap); err != nil {
			t.Fatal(err)
		}
		if got := back.Extra.Map(); !equalMaps(got, backMap.Extra) || back.Extra.IsZero() != (len(m) == 0) {
			t.Errorf("read back %v, want %v", got, backMap.Extra)
		}
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// Rows of one file share their column names; each keeps its own values, in
// header order.
func TestColumnNamesShared(t *testing.T) {
	names := NewColumnNames([]string{"status", "hs_code"})
	a, b := names.Row([]string{"cleared", "8471.30"}), names.Row([]string{"held", ""})
	if a.Get("status") != "cleared" || b.Get("status") != "held" || a.Get("missing") != "" {
		t.Errorf("Get: %q %q %q", a.Get("status"), b.Get("status"), a.Get("missing"))
	}
	if v, ok := b.Lookup("hs_code"); !ok || v != "" {
		t.Errorf("Lookup of an empty value: %q %v", v, ok)
	}
	if _, ok := b.Lookup("other"); ok {
		t.Error("Lookup found a column that is not there")
	}
	var order []string
	for k, v := range a.All() {
		order = append(order, k+"="+v)
	}
	if want := []string{"status=cleared", "hs_code=8471.30"}; !slices.Equal(order, want) {
		t.Errorf("All: %v, want %v (header order)", order, want)
	}
	if a.Len() != 2 || (Columns{}).Len() != 0 || !(Columns{}).IsZero() || a.IsZero() {
		t.Error("Len or IsZero wrong")
	}
	if got, _ := json.Marshal(a); string(got) != `{"hs_code":"8471.30","status":"cleared"}` {
		t.Errorf("JSON %s, want the names sorted", got)
	}
}

// BenchmarkCarriedColumns measures what a row's carried columns cost (B/op
// is per row): a map per row as before, or Columns over shared names.
// go test -bench CarriedColumns -benchmem ./resolve/report
func BenchmarkCarriedColumns(b *testing.B) {
	header := []string{"cluster_id", "kind"}
	values := []string{"E1", ""}
	b.Run("map", func(b *testing.B) {
		rows := make([]map[string]string, b.N)
		for i := range b.N {
			m := make(map[string]string, len(header))
			for j, k := range header {
				m[k] = values[j]
			}
			rows[i] = m
		}
	})
	b.Run("columns", func(b *testing.B) {
		names := NewColumnNames(header)
		rows := make([]Columns, b.N)
		for i := range b.N {
			rows[i] = names.Row(slices.Clone(values))
		}
	})
}

// Columns print as the map of them does (test messages, logs).
func TestColumnsString(t *testing.T) {
	m := map[string]string{"b": "2", "a": "1"}
	if got, want := ColumnsOf(m).String(), fmt.Sprint(m); got != want {
		t.Errorf("%s, want %s", got, want)
	}
}
