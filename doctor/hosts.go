package doctor

import (
	"context"
	"strings"
)

// Host is a DNS service, known by the names of its nameservers: where its
// control panel's DNS record screen is, what the panel calls the fields of
// a record, and the host's own help page for TXT (SPF) records.
//
// Every entry says where its facts come from. Facts were checked against
// the host's public help pages where those pages could be read (they are
// cited above the entry); where no page could be read, the entry says so,
// and Help is left empty rather than guessed: doctor then names the host
// and its panel without a link.
type Host struct {
	ID     string `json:"id"`
	Name   string `json:"name"` // as the host calls itself
	NameEN string `json:"-"`    // in English output, when Name is Japanese
	// Panel is the way to the DNS record screen, in the panel's own
	// (Japanese) words; PanelEN the same in English, "" when the panel is
	// only in Japanese (Panel is then shown in English output too).
	Panel   string `json:"panel,omitempty"`
	PanelEN string `json:"-"`
	// The panel's names of the record's name, type and value fields.
	FieldHost, FieldType, FieldValue string `json:"-"`
	Help                             string `json:"help,omitempty"` // the host's help page for TXT/SPF records
	// Provider is the spfpatch provider that can change the record through
	// the host's API; "" when the host has none (use --provider manual).
	Provider string `json:"provider,omitempty"`
	// Propagation is how long the host's help says a change takes, in
	// Japanese and English; "" when its help does not say.
	Propagation, PropagationEN string `json:"-"`
	// NS are the nameserver name suffixes that identify the host.
	NS []string `json:"-"`
	// Verified is false when the host's own help page could not be read
	// to check the panel and field names (they come from third-party
	// guides and the review, see the entry's comment).
	Verified bool `json:"verified"`
}

// Hosts are the DNS services doctor recognises: the ten that Japanese shops
// use most, and Cloudflare, Amazon Route 53 and Google Cloud DNS.
var Hosts = []Host{
	// お名前.com: nameservers dnsN.onamae.com (お名前.com DNS) and
	// 0N.dnsv.jp (お名前.com レンタルサーバー). The menu path and the field
	// names TYPE/VALUE are from third-party guides (raku2bb.com/faq/mail/
	// 02-0332/, beginnerweb.net/spf.html) and the review; お名前.com's own
	// help pages could not be read, so no link is given.
	{ID: "onamae", Name: "お名前.com", NameEN: "Onamae.com", NS: []string{"onamae.com", "dnsv.jp"},
		Panel:     "お名前.com Navi > ドメイン設定 > ネームサーバーの設定 > DNS関連機能の設定 > DNSレコード設定を利用する",
		PanelEN:   "お名前.com Navi > ドメイン設定 (domain settings) > DNS関連機能の設定 > DNSレコード設定を利用する",
		FieldHost: "ホスト名", FieldType: "TYPE", FieldValue: "VALUE"},
	// エックスサーバー: nameservers ns1-ns5.xserver.jp (hikaku-server.com,
	// entry-a67; the SOA's primary is ns1.xserver.jp). The menu
	// 「DNSレコード設定」 and the fields ホスト名/種別/内容 are from the review
	// and beginnerweb.net/spf.html, which links Xserver's manual; the manual
	// itself could not be read, so no link is given.
	{ID: "xserver", Name: "エックスサーバー", NameEN: "Xserver", NS: []string{"xserver.jp"},
		Panel:     "サーバーパネル > ドメイン > DNSレコード設定",
		PanelEN:   "Server panel (サーバーパネル) > DNSレコード設定 (DNS record settings)",
		FieldHost: "ホスト名", FieldType: "種別", FieldValue: "内容"},
	// さくらインターネット: nameservers ns1.dns.ne.jp, ns2.dns.ne.jp; zones
	// are edited in the domain control panel; changes take from a few hours
	// up to 48 hours (help.sakura.ad.jp/domain/2712/). The field names
	// エントリ名/種別/値 are from the review.
	{ID: "sakura", Name: "さくらインターネット", NameEN: "Sakura Internet", NS: []string{"dns.ne.jp"},
		Panel:     "ドメインコントロールパネル > ゾーン編集",
		PanelEN:   "Domain control panel (ドメインコントロールパネル) > zone editing (ゾーン編集)",
		FieldHost: "エントリ名", FieldType: "種別", FieldValue: "値",
		Help:        "https://help.sakura.ad.jp/domain/2712/",
		Propagation: "数時間〜48時間", PropagationEN: "a few hours to 48 hours", Verified: true},
	// ムームードメイン (ムームーDNS): the menu path and the fields
	// サブドメイン/種別/内容 (blank for the domain itself) are on
	// support.muumuu-domain.com/hc/ja/articles/6836857454483 (SPFレコードの設定).
	// The nameserver names dns0N.muumuu-domain.jp are not on that page.
	{ID: "muumuu", Name: "ムームードメイン(ムームーDNS)", NameEN: "Muumuu Domain (Muumuu DNS)", NS: []string{"muumuu-domain.jp"},
		Panel:     "コントロールパネル > ドメイン操作 > ムームーDNS > 変更 > カスタム設定",
		PanelEN:   "Control panel > ドメイン操作 > ムームーDNS > 変更 (change) > カスタム設定 (custom settings)",
		FieldHost: "サブドメイン", FieldType: "種別", FieldValue: "内容",
		Help: "https://support.muumuu-domain.com/hc/ja/articles/6836857454483", Verified: true},
	// ロリポップ!: domains on Lolipop use ムームーDNS or Lolipop's own
	// nameservers (unsN.lolipop.jp). No Lolipop help page could be read: the
	// nameserver names and the menu are unverified, no link is given.
	{ID: "lolipop", Name: "ロリポップ!", NameEN: "Lolipop", NS: []string{"lolipop.jp"},
		Panel:     "ユーザー専用ページ > サーバーの管理・設定 > 独自ドメイン設定",
		PanelEN:   "User page (ユーザー専用ページ) > 独自ドメイン設定 (own-domain settings)",
		FieldHost: "ホスト名", FieldType: "種別", FieldValue: "値"},
	// ヘテムル: with heteml's nameservers the SPF record is preset and
	// cannot be edited; with ムームーDNS it is set in ムームーDNS's カスタム設定
	// (support.heteml.jp/hc/ja/articles/360041679414). The nameserver names
	// (heteml.jp) are not on that page.
	{ID: "heteml", Name: "ヘテムル", NameEN: "heteml", NS: []string{"heteml.jp"},
		Panel:     "ヘテムルのネームサーバーでは SPFレコードを個別に編集できません。ムームーDNS に切り替えて「カスタム設定」で設定します",
		PanelEN:   "heteml's nameservers do not let you edit the SPF record: switch to ムームーDNS and use its カスタム設定",
		FieldHost: "サブドメイン", FieldType: "種別", FieldValue: "内容",
		Help: "https://support.heteml.jp/hc/ja/articles/360041679414", Verified: true},
	// ConoHa WING: nameservers ns-aN.conoha.io. No ConoHa help page could be
	// read (a third-party post, 8mitsu.net/549, shows the DNS screen); menu
	// and fields unverified, no link.
	{ID: "conoha", Name: "ConoHa WING", NS: []string{"conoha.io"},
		Panel:     "コントロールパネル > DNS",
		PanelEN:   "Control panel > DNS",
		FieldHost: "名前", FieldType: "タイプ", FieldValue: "値"},
	// バリュードメイン: nameservers nsN.value-domain.com. Only a third-party
	// guide could be read (lpeg.info/webworks/dns_valuedomain.html); menu and
	// fields unverified, no link.
	{ID: "value-domain", Name: "バリュードメイン", NameEN: "Value Domain", NS: []string{"value-domain.com"},
		Panel:     "コントロールパネル > ドメイン > DNS/URL",
		PanelEN:   "Control panel > ドメイン (domains) > DNS/URL",
		FieldHost: "ホスト名", FieldType: "種別", FieldValue: "値"},
	// KAGOYA: nameservers ns0.kagoya.net, ns1.kagoya.net; TXT (SPF) records
	// are set in the control panel and reach the nameservers within about
	// 15 minutes (support.kagoya.jp/flex/manual/ip_domain/index.html).
	{ID: "kagoya", Name: "KAGOYA", NS: []string{"kagoya.net"},
		Panel:     "コントロールパネル > DNSレコードの設定",
		PanelEN:   "Control panel > DNSレコードの設定 (DNS records)",
		FieldHost: "ホスト名", FieldType: "タイプ", FieldValue: "値",
		Help:        "https://support.kagoya.jp/flex/manual/ip_domain/index.html",
		Propagation: "15分ほど(その後、各地のキャッシュの期限まで)", PropagationEN: "about 15 minutes (then until caches expire)", Verified: true},
	// Zenlogic: [カスタマーポータル] > コントロールパネル > ドメイン設定 >
	// ゾーン編集 > DNSレコード追加, fields レコードタイプ/ホスト名 (blank)/設定値
	// (faq.zenlogic.jp/faqs/FAQ01157; FAQ02160: one SPF record, one line).
	// The nameserver names (zenlogic.jp) are not on those pages.
	{ID: "zenlogic", Name: "Zenlogic", NS: []string{"zenlogic.jp", "zenlogic.net"},
		Panel:     "カスタマーポータル > コントロールパネル > ドメイン設定 > ゾーン編集",
		PanelEN:   "Customer portal > control panel > ドメイン設定 > ゾーン編集 (zone editing)",
		FieldHost: "ホスト名", FieldType: "レコードタイプ", FieldValue: "設定値",
		Help: "https://faq.zenlogic.jp/faqs/FAQ01157", Verified: true},
	// GoDaddy: nameservers nsNN.domaincontrol.com; fields 名前 (@ for the
	// domain)/値; updates take up to 48 hours
	// (jp.godaddy.com/help/add-an-spf-record-19218).
	{ID: "godaddy", Name: "GoDaddy", NS: []string{"domaincontrol.com"},
		Panel:     "ドメインポートフォリオ > ドメイン > DNS",
		PanelEN:   "Domain portfolio > domain > DNS",
		FieldHost: "名前", FieldType: "種類", FieldValue: "値",
		Help:        "https://jp.godaddy.com/help/add-an-spf-record-19218",
		Propagation: "最大48時間", PropagationEN: "up to 48 hours", Verified: true},
	// Cloudflare: nameservers NAME.ns.cloudflare.com; DNS > Records > Add
	// record, fields Type/Name (@ for the apex)/Content
	// (developers.cloudflare.com/dns/manage-dns-records/how-to/create-dns-records/).
	{ID: "cloudflare", Name: "Cloudflare", NS: []string{"ns.cloudflare.com"},
		Panel:     "ダッシュボード > DNS > Records(レコード)",
		PanelEN:   "Dashboard > DNS > Records",
		FieldHost: "Name", FieldType: "Type", FieldValue: "Content",
		Help:     "https://developers.cloudflare.com/dns/manage-dns-records/how-to/create-dns-records/",
		Provider: "cloudflare", Verified: true},
	// Amazon Route 53: nameservers ns-N.awsdns-NN.{com,net,org,co.uk}
	// (kinsta.com/jp/docs/add-dns/ lists such a set); records are created
	// in the console's hosted zone (docs.aws.amazon.com/Route53/latest/
	// DeveloperGuide/resource-record-sets-creating.html).
	{ID: "route53", Name: "Amazon Route 53", NS: []string{"awsdns-"},
		Panel:     "Route 53 コンソール > ホストゾーン > レコードを作成",
		PanelEN:   "Route 53 console > Hosted zones > Create record",
		FieldHost: "Record name", FieldType: "Record type", FieldValue: "Value",
		Help:     "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-creating.html",
		Provider: "route53", Verified: true},
	// Google Cloud DNS: nameservers ns-cloud-XN.googledomains.com; records
	// are added from the Cloud DNS zones page of the console
	// (cloud.google.com/dns/records/).
	{ID: "google-cloud-dns", Name: "Google Cloud DNS", NS: []string{"googledomains.com"},
		Panel:     "Google Cloud コンソール > Cloud DNS > ゾーン",
		PanelEN:   "Google Cloud console > Cloud DNS > zones",
		FieldHost: "DNS name", FieldType: "Resource record type", FieldValue: "TXT data",
		Help: "https://cloud.google.com/dns/records/", Verified: true},
}

// DisplayName is the host's name in lang ("en" or "ja").
func (h *Host) DisplayName(lang string) string {
	if lang != "ja" && h.NameEN != "" {
		return h.NameEN
	}
	return h.Name
}

// HostByID returns the host with that ID, or nil.
func HostByID(id string) *Host {
	for i := range Hosts {
		if Hosts[i].ID == id {
			return &Hosts[i]
		}
	}
	return nil
}

// HostByNS returns the host whose nameservers these are, or nil.
func HostByNS(ns []string) *Host {
	for _, n := range ns {
		n = strings.ToLower(strings.TrimSuffix(n, "."))
		for i := range Hosts {
			for _, suf := range Hosts[i].NS {
				if strings.HasSuffix(suf, "-") {
					if strings.Contains(n, "."+suf) || strings.HasPrefix(n, suf) || strings.Contains(n, "-"+suf) {
						return &Hosts[i]
					}
					continue
				}
				if n == suf || strings.HasSuffix(n, "."+suf) {
					return &Hosts[i]
				}
			}
		}
	}
	return nil
}

// ManualHostNames map the names (and common spellings) of DNS services
// without an API that owners type as --provider to the host's ID: they get
// --provider manual.
var ManualHostNames = map[string]string{
	"onamae": "onamae", "お名前.com": "onamae", "onamae.com": "onamae", "お名前": "onamae",
	"xserver": "xserver", "エックスサーバー": "xserver",
	"sakura": "sakura", "さくら": "sakura", "sakura-internet": "sakura", "さくらインターネット": "sakura",
	"muumuu": "muumuu", "muumuu-domain": "muumuu", "ムームー": "muumuu", "ムームードメイン": "muumuu",
	"lolipop": "lolipop", "ロリポップ": "lolipop",
	"heteml": "heteml", "ヘテムル": "heteml", "conoha": "conoha", "value-domain": "value-domain", "valuedomain": "value-domain",
	"kagoya": "kagoya", "zenlogic": "zenlogic", "godaddy": "godaddy", "gcloud": "google-cloud-dns", "google": "google-cloud-dns",
	"googlecloud": "google-cloud-dns", "google-cloud-dns": "google-cloud-dns",
}

// nsLookup is what doctor needs to find the DNS host: the zone of a name
// and its nameservers. *resolver.Resolver has both.
type nsLookup interface {
	FindZone(ctx context.Context, name string) (string, error)
	LookupNS(ctx context.Context, zone string) ([]string, error)
}
