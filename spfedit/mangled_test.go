package spfedit

import "testing"

func TestDetectMangled(t *testing.T) {
	for in, want := range map[string]string{
		`"v=spf1 ip4:192.0.2.1 ~all"`:     "v=spf1 ip4:192.0.2.1 ~all",
		`\"v=spf1 mx -all\"`:              "v=spf1 mx -all",
		"v=spf1\u3000ip4:192.0.2.1 ~all":  "v=spf1 ip4:192.0.2.1 ~all",
		"ｖ＝ｓｐｆ１ mx ～all":                  "v=spf1 mx ~all",
		"v=spf1\tmx -all":                 "v=spf1 mx -all",
		" v=spf1 mx -all":                 "v=spf1 mx -all",
		"\ufeffv=spf1 mx -all":            "v=spf1 mx -all",
		"“v=spf1 include:a.example -all”": "v=spf1 include:a.example -all",
		"v=spf1include:a.example ~all":    "v=spf1 include:a.example ~all",
		`"V=SPF1+mx -all"`:                "V=SPF1 +mx -all",
	} {
		m, ok := DetectMangled(in)
		if !ok || m.Fixed != want || m.Text != in {
			t.Errorf("%q: %v %+v", in, ok, m)
		}
	}
	for _, in := range []string{"v=spf1 mx -all", "V=SPF1 mx -all", "google-site-verification=x", `"hello"`, "v=spf10 mx", "v=spf1", "", "v=spf1.5 mx"} {
		if m, ok := DetectMangled(in); ok {
			t.Errorf("%q taken for a mangled SPF record: %+v", in, m)
		}
	}
}
