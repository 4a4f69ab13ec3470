package agree_test

import (
	"fmt"

	"stance/annotate/agree"
)

// Two coders mark one category on a text of 300 characters, the second
// unit of each a little apart: Krippendorff's αu, and on the values of the
// units both rated, Cohen's κ.
func ExampleNewStudy() {
	s := agree.NewStudy(300, 2, []agree.Unit{
		{Coder: 0, Start: 30, End: 90, Category: "claim"}, {Coder: 0, Start: 150, End: 200, Category: "claim"},
		{Coder: 1, Start: 30, End: 90, Category: "claim"}, {Coder: 1, Start: 155, End: 200, Category: "claim"},
	})
	fmt.Println("αu", s.Alpha())

	stances := agree.Ratings{{"support", "support"}, {"oppose", "oppose"}, {"support", "neutral"}, {"oppose", ""}}
	fmt.Println("κ", stances.CohenKappa(0, 1))
	fmt.Println("α", agree.Ratings{{"support", "support"}}.KrippendorffAlpha())
	// Output:
	// αu 0.994
	// κ 0.500
	// α undefined (no variation: every value given is "support")
}
