package report

import "testing"

// Columns are equal by names and values, not by the file's shared names:
// a row read back from JSON equals the row it was written from.
func TestColumnsEqual(t *testing.T) {
	names := NewColumnNames([]string{"hs_code", "note"})
	row := names.Row([]string{"8708", "fictional"})
	var back Columns
	b, err := row.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if err := back.UnmarshalJSON(b); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		a, b Columns
		want bool
	}{
		{row, back, true},
		{row, ColumnsOf(map[string]string{"note": "fictional", "hs_code": "8708"}), true},
		{row, ColumnsOf(map[string]string{"hs_code": "8708"}), false},
		{row, names.Row([]string{"8708", "other"}), false},
		{Columns{}, ColumnsOf(nil), true},
	} {
		if got := tc.a.Equal(tc.b); got != tc.want || tc.b.Equal(tc.a) != tc.want {
			t.Errorf("%s Equal %s = %v, want %v (both ways)", tc.a.Map(), tc.b.Map(), got, tc.want)
		}
	}
}
