package main

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/resolve-tool/resolve/resolve/report"
)

func clusterByID(r *report.Report, id string) *report.Cluster {
	for i := range r.Clusters {
		if r.Clusters[i].ID == id {
			return &r.Clusters[i]
		}
	}
	return nil
}

// TestCheckedAcrossRuns: a "checked" decision recorded by `resolve judge`
// (as the HTML review writes it: the cluster ID and the reviewed run) shows
// on the cluster in the next reports with its note and the reviewed run;
// the cluster's members are compared with those it had in that run, and a
// name that joined since is named. A checked decision on a cluster the run
// does not have is listed as unresolved.
func TestCheckedAcrossRuns(t *testing.T) {
	dir := t.TempDir()
	store, judgements := filepath.Join(dir, "s.db"), filepath.Join(dir, "j.csv")
	base := runIn(t, store, "--in", "../../testdata/suppliers.csv")
	id := idsByName(base)["Hyundai Motor Company"]
	var sink bytes.Buffer
	judge := func(args ...string) {
		t.Helper()
		if code := run(context.Background(), append([]string{"judge"}, append(args, "--judgements", judgements, "--store", store)...),
			strings.NewReader(""), &sink, &sink); code != exitOK {
			t.Fatalf("judge %v: exit %d: %s", args, code, sink.String())
		}
	}
	judge("checked", id, base.Run.ID, "--note", "registry record and address seen")
	judge("checked", "C00000000FF", "--note", "a cluster no run had")

	same := runIn(t, store, "--in", "../../testdata/suppliers.csv", "--judgements", judgements)
	c := clusterByID(same, id)
	if c == nil || c.Checked == nil {
		t.Fatalf("cluster %s not shown as checked: %+v", id, c)
	}
	ch := *c.Checked
	if ch.Note != "registry record and address seen" || ch.ReviewedRun != base.Run.ID || ch.ReviewedAt == nil || ch.Judgement != judgements+":2" {
		t.Errorf("checked = %+v, want the note, the reviewed run %s with its time, and the judgement's file and line", ch, base.Run.ID)
	}
	if ch.MembersChanged || ch.Unknown || len(ch.Added)+len(ch.Removed) != 0 {
		t.Errorf("same input: checked = %+v, want the members unchanged", ch)
	}
	checked := 0
	for _, c := range same.Clusters {
		if c.Checked != nil {
			checked++
		}
	}
	if checked != 1 {
		t.Errorf("%d clusters checked, want 1", checked)
	}
	if len(same.Judgements.Unresolved) != 1 || !strings.Contains(same.Judgements.Unresolved[0], "C00000000FF") {
		t.Errorf("unresolved = %q, want the checked decision on an unknown cluster", same.Judgements.Unresolved)
	}
	if same.Judgements.Applied != 2 {
		t.Errorf("applied = %d, want 2", same.Judgements.Applied)
	}

	// A new spelling joins the cluster: the report says its members changed
	// since the review, and which name joined.
	in := shuffled(t, 7, []string{"X1", "HYUNDAI MOTOR CO.,LTD", "KR", "", "", "", ""})
	grown := runIn(t, store, "--in", in, "--judgements", judgements)
	if idsByName(grown)["HYUNDAI MOTOR CO.,LTD"] != id {
		t.Fatalf("precondition: the new spelling joins cluster %s", id)
	}
	c = clusterByID(grown, id)
	if c == nil || c.Checked == nil || !c.Checked.MembersChanged || !slices.Equal(c.Checked.Added, []string{"HYUNDAI MOTOR CO.,LTD"}) || len(c.Checked.Removed) != 0 {
		t.Errorf("after a new spelling joined: %+v, want members changed with the new name added", c)
	}
}
