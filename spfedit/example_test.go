package spfedit_test

import (
	"errors"
	"fmt"

	"github.com/spfpatch/spfpatch/spfedit"
)

func ExampleParse() {
	r, err := spfedit.Parse("v=spf1 +ip4:192.0.2.0/24 ~all")
	if err != nil {
		panic(err)
	}
	for _, t := range r.Terms() {
		fmt.Printf("%s %s %q\n", t.Kind, t.Qualifier.Result(), t.Value)
	}
	// Output:
	// ip4 pass "192.0.2.0"
	// all softfail ""
}

func ExampleParse_syntaxError() {
	_, err := spfedit.Parse("v=spf1 ip4:300.1.1.1 ~all")
	var se *spfedit.SyntaxError
	if errors.As(err, &se) {
		fmt.Println(se.Term, se.Pos, errors.Is(err, spfedit.ErrBadIP))
	}
	// Output: ip4:300.1.1.1 7 true
}

func ExampleMustParse() {
	fmt.Println(spfedit.MustParse("V=SPF1  MX ~ALL").String())
	// Output: V=SPF1  MX ~ALL
}

func ExampleRecord_AddInclude() {
	r := spfedit.MustParse("v=spf1 +ip4:192.0.2.0/24 ~all")
	changed, _ := r.AddInclude("e-shopsmail2.com")
	fmt.Println(r, changed)
	changed, _ = r.AddInclude("E-SHOPSMAIL2.COM.")
	fmt.Println(r, changed)
	// Output:
	// v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all true
	// v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all false
}

func ExampleRecord_RemoveInclude() {
	r := spfedit.MustParse("v=spf1 include:old-platform.example include:e-shopsmail2.com ~all")
	n := r.RemoveInclude("old-platform.example")
	fmt.Println(r, n)
	// Output: v=spf1 include:e-shopsmail2.com ~all 1
}

func ExampleNew() {
	r, _ := spfedit.New("e-shopsmail2.com")
	fmt.Println(r)
	// Output: v=spf1 include:e-shopsmail2.com ~all
}

func ExampleSelect() {
	txts := []string{"google-site-verification=abc", "v=spf1 mx -all"}
	i, err := spfedit.Select(txts)
	fmt.Println(i, err)
	_, err = spfedit.Select([]string{"v=spf1 a -all", "v=spf1 mx -all"})
	fmt.Println(errors.Is(err, spfedit.ErrMultipleRecords))
	// Output:
	// 1 <nil>
	// true
}

func ExampleIsSPF() {
	fmt.Println(spfedit.IsSPF("v=spf1 -all"), spfedit.IsSPF("v=spf10"), spfedit.IsSPF("spf2.0/pra -all"))
	// Output: true false false
}

func ExampleJoinStrings() {
	fmt.Println(spfedit.JoinStrings([]string{"v=spf1 ip4:192.0.2.1 ", "-all"}))
	// Output: v=spf1 ip4:192.0.2.1 -all
}

func ExampleSplit() {
	rec := "v=spf1"
	for i := 0; i < 14; i++ {
		rec += fmt.Sprintf(" ip4:198.51.100.%d/32", i)
	}
	rec += " include:e-shopsmail2.com ~all"
	for _, s := range spfedit.Split(rec) {
		fmt.Println(len(s))
	}
	// Output:
	// 249
	// 71
}

func ExampleSplitN() {
	fmt.Printf("%q\n", spfedit.SplitN("v=spf1 a mx -all", 10))
	// Output: ["v=spf1 a " "mx -all"]
}

func ExampleRecord_Lint() {
	r := spfedit.MustParse("v=spf1 ptr -include:e-shopsmail2.com +all")
	for _, w := range r.Lint("e-shopsmail2.com") {
		fmt.Println(w.Code)
	}
	// Output:
	// ptr-deprecated
	// include-not-pass
	// all-pass
}

func ExampleParseMacroString() {
	ms, _ := spfedit.ParseMacroString("%{ir}.%{v}._spf.%{d2}", false)
	fmt.Println(len(ms), ms.HasMacros(), ms)
	// Output: 5 true %{ir}.%{v}._spf.%{d2}
}

func ExampleValidateDomain() {
	fmt.Println(spfedit.ValidateDomain("e-shopsmail2.com"))
	fmt.Println(spfedit.ValidateDomain("localhost") != nil)
	// Output:
	// <nil>
	// true
}
