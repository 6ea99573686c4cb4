package pipeline

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/resolve-tool/resolve/resolve/store"
	"github.com/resolve-tool/resolve/verify/address"
	"github.com/resolve-tool/resolve/verify/bulk"
)

// The bulk store and the flags meet on address.Normalise: a Companies House
// row ("1 EXAMPLE LANE, EXAMPLETON, EX1 1AA, ENGLAND", fictional) is counted
// for the input's "1 Example Lane, Exampleton EX1 1AA", given raw or
// already normalised as the mass-registration rule gives it (issue 13
// item 9).
func TestVerifyAddressCountMeetsCompaniesHouse(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := bulk.IndexWith(ctx, st, "companies_house", []string{"../../verify/bulk/testdata/companies_house_BasicCompanyData.csv"},
		BulkOptions(nil)); err != nil {
		t.Fatal(err)
	}
	l, err := bulk.NewLocal(ctx, st, BulkKeys, bulk.LocalOptions{AddressKey: address.Normalise})
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range []string{"1 Example Lane, Exampleton EX1 1AA", "1 Example Lane, Exampleton, EX1 1AA, United Kingdom"} {
		for _, q := range []string{in, address.Normalise(in)} {
			n, names, err := l.AddressCount(ctx, q)
			if err != nil || n != 2 {
				t.Errorf("AddressCount(%q) = %d %v %v, want the 2 companies at 1 EXAMPLE LANE", q, n, names, err)
			}
		}
	}
}
