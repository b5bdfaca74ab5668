package doctor

import (
	"strings"
	"testing"

	"github.com/spfpatch/spfpatch/internal/i18n"
)

// hostLine is the [i] line doctor prints for a DNS host.
func hostLine(lang i18n.Lang, h *Host) string {
	d := &run{p: i18n.Printer{Lang: lang}, r: &Report{}, host: h}
	d.addHostCheck()
	return d.r.Checks[0].Message
}

func TestHostLines(t *testing.T) {
	ja := i18n.Lang(i18n.JA)
	// Point 14: no space between a Japanese sentence and a Japanese name.
	if got := hostLine(ja, HostByID("onamae")); !strings.HasPrefix(got, "このドメインの DNS はお名前.com で管理されています。") {
		t.Errorf("%q", got)
	}
	if got := hostLine(ja, HostByID("xserver")); !strings.HasPrefix(got, "このドメインの DNS はエックスサーバーで管理されています。") {
		t.Errorf("%q", got)
	}
	if got := hostLine(ja, HostByID("cloudflare")); !strings.HasPrefix(got, "このドメインの DNS は Cloudflare で管理されています。") {
		t.Errorf("%q", got)
	}
	for i := range Hosts {
		h := &Hosts[i]
		got := hostLine(ja, h)
		// Point 13: an entry whose panel names could not be checked says so.
		if says := strings.Contains(got, "(画面の名前は変わっている場合があります)"); says != !h.Verified {
			t.Errorf("%s: verified %v, line %q", h.ID, h.Verified, got)
		}
		// "no API" is not said of hosts that have one.
		if strings.Contains(got, "API がない") {
			t.Errorf("%s: %q", h.ID, got)
		}
		if h.Provider == "" && !strings.Contains(got, "spfpatch はこの DNS サービスの API に対応していないため") {
			t.Errorf("%s: %q", h.ID, got)
		}
		if strings.Contains(got, "  ") || strings.Contains(got, "。 ") {
			t.Errorf("%s: a double space: %q", h.ID, got)
		}
		for _, p := range i18n.LintJapanese(got) {
			t.Errorf("%s: %s", h.ID, p)
		}
	}
	for _, unverified := range []string{"onamae", "xserver", "lolipop", "conoha", "value-domain"} {
		if HostByID(unverified).Verified {
			t.Errorf("%s is marked verified", unverified)
		}
	}
	// The panels' own field names.
	for id, want := range map[string][3]string{
		"cloudflare": {"名前", "タイプ", "コンテンツ"}, "route53": {"レコード名", "レコードタイプ", "値"}, "godaddy": {"名前", "タイプ", "バリュー"},
	} {
		h := HostByID(id)
		if got := [3]string{h.FieldHost, h.FieldType, h.FieldValue}; got != want {
			t.Errorf("%s fields %v, want %v", id, got, want)
		}
	}
	// Zenlogic takes the value in double quotes; heteml's SPF record is
	// turned off in 設定1 before the owner's own goes in 設定2.
	if got := hostLine(ja, HostByID("zenlogic")); !strings.Contains(got, "「\"」(ダブルクォート)で囲んで入力します") {
		t.Errorf("zenlogic: %q", got)
	}
	if got := hostLine(ja, HostByID("heteml")); !strings.Contains(got, "「設定1」でヘテムルのSPFレコードを「利用しない」") || !strings.Contains(got, "「設定2」") || HostByID("heteml").Propagation != "1時間ほど" {
		t.Errorf("heteml: %q", got)
	}
	// Sakura's link is its panel's overview, and says so.
	if got := hostLine(ja, HostByID("sakura")); !strings.Contains(got, "TXT レコードの入力手順のページではありません") {
		t.Errorf("sakura: %q", got)
	}
	// Google's nameservers are mostly former Google Domains domains, now at
	// Squarespace: not only the Cloud console.
	h := HostByNS([]string{"ns-cloud-e1.googledomains.com."})
	if h == nil || !strings.Contains(h.Panel, "Squarespace") || !strings.Contains(hostLine(ja, h), "Squarespace") {
		t.Errorf("googledomains.com: %+v", h)
	}
}
