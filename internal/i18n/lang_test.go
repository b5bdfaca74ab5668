package i18n

import (
	"testing"
	"time"
)

func TestDetectOrder(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	sys := func(s string) func() string { return func() string { return s } }
	for _, tc := range []struct {
		flag   string
		env    map[string]string
		system string
		want   Lang
	}{
		{"jp", nil, "", JA},
		{"JA", nil, "", JA},
		{"日本語", nil, "", JA},
		{"en", nil, "ja-JP", EN},
		{"", map[string]string{"LANG": "ja_JP.UTF-8"}, "en-US", JA},
		{"", map[string]string{"LANG": "C.UTF-8"}, "ja-JP", EN}, // LANG set: the system language is not asked
		{"", nil, "ja-JP", JA}, // Windows (no LANG): the UI language
		{"", nil, "ja", JA},
		{"", nil, "en-GB", EN},
		{"", nil, "", EN},
	} {
		if got := detect(tc.flag, env(tc.env), sys(tc.system)); got != tc.want {
			t.Errorf("detect(%q, %v, %q) = %s, want %s", tc.flag, tc.env, tc.system, got, tc.want)
		}
	}
}

func TestFirstAppleLanguage(t *testing.T) {
	out := "(\n    \"ja-JP\",\n    \"en-JP\"\n)\n"
	if got := firstAppleLanguage(out); got != "ja-JP" {
		t.Fatalf("%q", got)
	}
	if got := firstAppleLanguage("(\n)\n"); got != "" {
		t.Fatalf("%q", got)
	}
}

func TestReadableJapanese(t *testing.T) {
	ja := Printer{Lang: JA}
	if got := ja.T("doctor.char.quoted", "a\u3000b"); got != "「a[全角スペース]b」" {
		t.Fatalf("%q", got)
	}
	for in, want := range map[string]string{
		"v=spf1\u00a0~all":     "「v=spf1[ノーブレークスペース]~all」",
		"a\u200b b":            "「a[ゼロ幅スペース] b」",
		`U+00A0 '\u00a0' here`: "「U+00A0 [ノーブレークスペース] here」",
		"\ufeffv=spf1":         "「[見えない文字]v=spf1」",
	} {
		if got := ja.T("doctor.char.quoted", in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
	for d, want := range map[time.Duration]string{time.Hour: "1 時間", time.Minute: "1 分", 90 * time.Second: "90 秒", 0: "0 秒"} {
		if got := ja.Duration(d); got != want {
			t.Errorf("%v: %q", d, got)
		}
	}
	if got := (Printer{Lang: EN}).Duration(time.Hour); got != "1h0m0s" {
		t.Errorf("%q", got)
	}
}
