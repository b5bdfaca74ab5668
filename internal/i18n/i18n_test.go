package i18n

import "testing"

// Every message exists in every language, with the same number of fmt verbs.
func TestCatalogComplete(t *testing.T) {
	if len(Keys()) == 0 {
		t.Fatal("empty catalog")
	}
	for _, p := range Incomplete() {
		t.Error(p)
	}
}

func TestDetect(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		name string
		flag string
		env  map[string]string
		want Lang
	}{
		{"default", "", nil, EN},
		{"LANG ja", "", map[string]string{"LANG": "ja_JP.UTF-8"}, JA},
		{"LC_ALL wins", "", map[string]string{"LC_ALL": "en_US.UTF-8", "LANG": "ja_JP.UTF-8"}, EN},
		{"LC_MESSAGES", "", map[string]string{"LC_MESSAGES": "ja_JP.UTF-8", "LANG": "C"}, JA},
		{"flag wins", "ja", map[string]string{"LANG": "en_US.UTF-8"}, JA},
		{"flag en", "en", map[string]string{"LANG": "ja_JP.UTF-8"}, EN},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Detect(tc.flag, env(tc.env)); got != tc.want {
				t.Fatalf("got %s want %s", got, tc.want)
			}
		})
	}
}

func TestPrinter(t *testing.T) {
	if got := (Printer{JA}).T("doctor.mx.ok", "shop.example", 2); got != "shop.example には MX レコードが 2 件あります。返信やエラー通知はショップに届きます。" {
		t.Fatalf("ja: %q", got)
	}
	if got := (Printer{EN}).T("no.such.key"); got != "no.such.key" {
		t.Fatalf("unknown key: %q", got)
	}
}
