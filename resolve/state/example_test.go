package state_test

import (
	"context"
	"fmt"

	"github.com/resolve-tool/resolve/resolve/state"
)

// Yesterday A={a,b,c} and B={d,e}; today {a,b,c,x}, {d} and {e,y}.
func ExampleAssignIDs() {
	prev := []state.PrevCluster{
		{ID: "A", Members: []string{"a", "b", "c"}},
		{ID: "B", Members: []string{"d", "e"}},
	}
	next := [][]string{{"x", "a", "b", "c"}, {"d"}, {"e", "y"}}
	fresh := func(members []string) string { return fmt.Sprint("new", members) }
	ids, ch := state.AssignIDs(prev, next, fresh)
	fmt.Println(ids)
	fmt.Println("new:", ch.NewClusters, "removed:", ch.RemovedClusters)
	for _, s := range ch.Split {
		fmt.Println("split:", s.From, "->", s.To)
	}
	// Output:
	// [A new[d] new[e y]]
	// new: [new[d] new[e y]] removed: [B]
	// split: [B] -> [new[d] new[e y]]
}

func ExampleDecide() {
	js, err := state.ParseJudgements([]byte(`kind,a,b,note
same,Alpha Kestrel Ltd,Beta Kestrel Ltd,
same,Beta Kestrel Ltd,Gamma Kestrel Ltd,
different,Alpha Kestrel Ltd,Gamma Kestrel Ltd,separate registrations
ignore,TO ORDER,,
`), "judgements.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	d, _ := state.Decide(context.Background(), js, nil)
	fmt.Println(d.Same)
	fmt.Println(d.Different)
	fmt.Println(d.Ignored("to order"))
	for _, c := range d.Conflicts {
		fmt.Println(c)
	}
	// Output:
	// [[Alpha Kestrel Ltd Beta Kestrel Ltd] [Beta Kestrel Ltd Gamma Kestrel Ltd]]
	// [[Alpha Kestrel Ltd Gamma Kestrel Ltd]]
	// true
	// judgements.csv:4: different "Alpha Kestrel Ltd" "Gamma Kestrel Ltd" contradicts judgements.csv:2: same "Alpha Kestrel Ltd" "Beta Kestrel Ltd", judgements.csv:3: same "Beta Kestrel Ltd" "Gamma Kestrel Ltd" (Alpha Kestrel Ltd = Beta Kestrel Ltd = Gamma Kestrel Ltd)
}
