package doctor

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/internal/termsafe"
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
	// the host's API; "" when spfpatch has none for it (use --provider
	// manual), whether or not the host has an API.
	Provider string `json:"provider,omitempty"`
	// Propagation is how long the host's help says a change takes, in
	// Japanese and English; "" when its help does not say.
	Propagation, PropagationEN string `json:"-"`
	// NS are the nameserver name suffixes that identify the host.
	NS []string `json:"-"`
	// Verified is false when the host's own help page could not be read
	// to check the panel and field names (they come from third-party
	// guides and the review, see the entry's comment): doctor then says
	// that the screen's names may differ.
	Verified bool `json:"verified"`
	// HelpOverview: Help is the host's general page on its panel, not a
	// TXT how-to (none could be verified); doctor says so.
	HelpOverview bool `json:"-"`
	// Note is what else the owner needs to know at this host, in Japanese
	// and English ("" = nothing).
	Note, NoteEN string `json:"-"`
}

// NoteFor is the host's note in lang ("en" or "ja").
func (h *Host) NoteFor(lang string) string {
	if lang != "ja" && h.NoteEN != "" {
		return h.NoteEN
	}
	return h.Note
}

// The five hosts without a Help link (お名前.com, エックスサーバー,
// ロリポップ!, ConoHa WING, バリュードメイン) were looked for again in the
// stored public pages and documentation (queries for each host's TXT/DNS
// record help, by name and by its help site's host name): the results held
// only third-party guides and other hosts' pages (wpx.ne.jp, Xserver's
// sister service WPX, is not Xserver's own manual), no page of the host's
// own. So they still have none: a link is given only where the host's own
// page was read.
//
// Hosts are the DNS services doctor recognises: the ten that Japanese shops
// use most, and Cloudflare, Amazon Route 53 and Google's nameservers
// (Squarespace Domains, formerly Google Domains, or Google Cloud DNS).
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
	// up to 48 hours; a TXT value holds at most 255 characters
	// (help.sakura.ad.jp/domain/2712/, the panel's overview page: no TXT
	// how-to page of Sakura's could be read, so doctor says the link is the
	// overview). The field names エントリ名/種別/値 are from the review.
	{ID: "sakura", Name: "さくらインターネット", NameEN: "Sakura Internet", NS: []string{"dns.ne.jp"},
		Panel:     "ドメインコントロールパネル > ゾーン編集",
		PanelEN:   "Domain control panel (ドメインコントロールパネル) > zone editing (ゾーン編集)",
		FieldHost: "エントリ名", FieldType: "種別", FieldValue: "値",
		Help: "https://help.sakura.ad.jp/domain/2712/", HelpOverview: true,
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
	// cannot be edited; with ムームーDNS, heteml's SPF record is first set to
	// 「利用しない」 in 「設定1」 of the domain's ムームーDNS settings, then the
	// owner's own record is entered in 「設定2」; the change shows in about
	// an hour (support.heteml.jp/hc/ja/articles/360041679414). The
	// nameserver names (heteml.jp) are not on that page.
	{ID: "heteml", Name: "ヘテムル", NameEN: "heteml", NS: []string{"heteml.jp"},
		Panel:     "ヘテムルのネームサーバーでは SPFレコードを個別に編集できません。ムームードメインのコントロールパネル > ドメイン操作 > ムームーDNS > 対象ドメインの「変更」で設定します",
		PanelEN:   "heteml's nameservers do not let you edit the SPF record: use Muumuu Domain's control panel > ドメイン操作 > ムームーDNS > 変更 (change) for the domain",
		FieldHost: "サブドメイン", FieldType: "種別", FieldValue: "内容",
		Note:        "ムームーDNS の「設定1」でヘテムルのSPFレコードを「利用しない」に変更してから、「設定2」にご自身のSPFレコードを入力してください(ヘテムルの記述 include:_spf.heteml.jp も含めます)。",
		NoteEN:      "In ムームーDNS, first set heteml's SPF record to 利用しない (do not use) in 設定1, then enter your own SPF record in 設定2 (with heteml's include:_spf.heteml.jp in it).",
		Propagation: "1時間ほど", PropagationEN: "about an hour",
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
	// ゾーン編集 > DNSレコード追加, fields レコードタイプ/ホスト名 (blank)/設定値;
	// the value is entered in double quotes ("v=spf1 ... ~all"), one pair of
	// quotes per line when the name has several TXT records
	// (faq.zenlogic.jp/faqs/FAQ01157; FAQ02160: one SPF record, one line).
	// The nameserver names (zenlogic.jp) are not on those pages.
	{ID: "zenlogic", Name: "Zenlogic", NS: []string{"zenlogic.jp", "zenlogic.net"},
		Panel:     "カスタマーポータル > コントロールパネル > ドメイン設定 > ゾーン編集",
		PanelEN:   "Customer portal > control panel > ドメイン設定 > ゾーン編集 (zone editing)",
		FieldHost: "ホスト名", FieldType: "レコードタイプ", FieldValue: "設定値",
		Note:   "Zenlogic の「設定値」には、値を「\"」(ダブルクォート)で囲んで入力します(例: \"v=spf1 … ~all\")。ほかの TXT レコードと同じ欄にある場合は、1 行に 1 つずつ、それぞれを「\"」で囲みます。",
		NoteEN: "Zenlogic's 設定値 field takes the value in double quotes (\"v=spf1 ... ~all\"); with other TXT records in the same field, one per line, each in its own quotes.",
		Help:   "https://faq.zenlogic.jp/faqs/FAQ01157", Verified: true},
	// GoDaddy: nameservers nsNN.domaincontrol.com; ドメインポートフォリオ >
	// the domain > DNS > Add New Record, type TXT, fields 名前 (@ for the
	// domain)/バリュー; updates take up to 48 hours
	// (jp.godaddy.com/help/add-an-spf-record-19218). spfpatch has no
	// GoDaddy provider (GoDaddy has an API; spfpatch does not support it).
	{ID: "godaddy", Name: "GoDaddy", NS: []string{"domaincontrol.com"},
		Panel:     "ドメインポートフォリオ > ドメイン > DNS",
		PanelEN:   "Domain portfolio > domain > DNS",
		FieldHost: "名前", FieldType: "タイプ", FieldValue: "バリュー",
		Help:        "https://jp.godaddy.com/help/add-an-spf-record-19218",
		Propagation: "最大48時間", PropagationEN: "up to 48 hours", Verified: true},
	// Cloudflare: nameservers NAME.ns.cloudflare.com; DNS > Records > Add
	// record, fields Type/Name (@ for the apex)/Content
	// (developers.cloudflare.com/dns/manage-dns-records/how-to/create-dns-records/),
	// shown as タイプ/名前/コンテンツ in the Japanese dashboard.
	{ID: "cloudflare", Name: "Cloudflare", NS: []string{"ns.cloudflare.com"},
		Panel:     "ダッシュボード > DNS > レコード",
		PanelEN:   "Dashboard > DNS > Records",
		FieldHost: "名前", FieldType: "タイプ", FieldValue: "コンテンツ",
		Help:     "https://developers.cloudflare.com/dns/manage-dns-records/how-to/create-dns-records/",
		Provider: "cloudflare", Verified: true},
	// Amazon Route 53: nameservers ns-N.awsdns-NN.{com,net,org,co.uk}
	// (kinsta.com/jp/docs/add-dns/ lists such a set); records are created
	// in the console's hosted zone (docs.aws.amazon.com/Route53/latest/
	// DeveloperGuide/resource-record-sets-creating.html; the Japanese console
	// calls the fields レコード名/レコードタイプ/値).
	{ID: "route53", Name: "Amazon Route 53", NS: []string{"awsdns-"},
		Panel:     "Route 53 コンソール > ホストゾーン > レコードを作成",
		PanelEN:   "Route 53 console > Hosted zones > Create record",
		FieldHost: "レコード名", FieldType: "レコードタイプ", FieldValue: "値",
		Help:     "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-creating.html",
		Provider: "route53", Verified: true},
	// ns-cloud-XN.googledomains.com are the nameservers of Google Cloud DNS
	// (cloud.google.com/dns/records/) and also the default nameservers of
	// the former Google Domains, whose domains went to Squarespace in 2023
	// and kept Google's DNS (support.google.com/domains/answer/9211383). The
	// owner of a shop domain is far more likely to be the latter: the
	// records are then in Squarespace's DNS settings, カスタムレコード
	// (support.squarespace.com/hc/ja-jp/articles/360002101888; its field
	// names in Japanese could not be read, so the entry is unverified).
	{ID: "google-domains", Name: "Squarespace ドメイン(旧 Google Domains)または Google Cloud DNS", NameEN: "Squarespace Domains (formerly Google Domains) or Google Cloud DNS",
		NS:        []string{"googledomains.com"},
		Panel:     "Squarespace の場合: ドメイン > 対象ドメイン > DNS 設定 > カスタムレコード(Google Cloud を契約している場合は Google Cloud コンソール > Cloud DNS > ゾーン)",
		PanelEN:   "Squarespace: Domains > the domain > DNS settings > Custom records (with a Google Cloud account: Google Cloud console > Cloud DNS > zones)",
		FieldHost: "ホスト", FieldType: "タイプ", FieldValue: "データ",
		Help: "https://support.squarespace.com/hc/ja-jp/articles/360002101888"},
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
	"kagoya": "kagoya", "zenlogic": "zenlogic", "godaddy": "godaddy", "gcloud": "google-domains", "google": "google-domains",
	"googlecloud": "google-domains", "google-cloud-dns": "google-domains", "squarespace": "google-domains", "google-domains": "google-domains",
}

// nsLookup is what doctor needs to find the DNS host: the zone of a name
// and its nameservers. *resolver.Resolver has both.
type nsLookup interface {
	FindZone(ctx context.Context, name string) (string, error)
	LookupNS(ctx context.Context, zone string) ([]string, error)
}

// findHost reads the zone's nameservers and names the DNS service.
func (d *run) findHost(ctx context.Context) {
	nl, ok := d.cfg.DNS.(nsLookup)
	if !ok {
		return
	}
	zone, err := nl.FindZone(ctx, d.domain)
	if err != nil || zone == "" {
		return
	}
	d.r.Zone = strings.TrimSuffix(zone, ".")
	ns, err := nl.LookupNS(ctx, zone)
	if err != nil {
		return
	}
	d.host = HostByNS(ns)
	d.r.DNSHost = d.host
	d.nameservers = ns
}

// hostField is what the panel's host-name field takes for the domain: "@"
// for the zone's apex (or left blank), else the labels below the zone.
func (d *run) hostField() string {
	z := d.r.Zone
	if z == "" || z == d.domain {
		return "@"
	}
	if rel, ok := strings.CutSuffix(d.domain, "."+z); ok {
		return rel
	}
	return "@"
}

// addHostCheck says where the DNS records are edited: the service found
// from the nameservers, its panel and its help page; or, unknown, where to
// look.
func (d *run) addHostCheck() {
	p, r := d.p, d.r
	if d.host == nil {
		ns := make([]string, 0, len(d.nameservers))
		for _, n := range d.nameservers {
			ns = append(ns, termsafe.Line(strings.TrimSuffix(n, ".")))
		}
		msg := p.T("doctor.host.unknown")
		if len(ns) > 0 {
			msg = p.T("doctor.host.unknown.ns", strings.Join(ns, ", "))
		}
		r.add(Check{ID: "dns-host", Status: Info, Message: msg})
		return
	}
	h := d.host
	panel := h.Panel
	if p.Lang != i18n.JA && h.PanelEN != "" {
		panel = h.PanelEN
	}
	parts := []string{p.T("doctor.host", jaPad(p, h.DisplayName(string(p.Lang))), panel)}
	if !h.Verified {
		parts = append(parts, p.T("doctor.host.unverified"))
	}
	if note := h.NoteFor(string(p.Lang)); note != "" {
		parts = append(parts, note)
	}
	switch {
	case h.Help != "" && h.HelpOverview:
		parts = append(parts, p.T("doctor.host.help.overview", h.Help))
	case h.Help != "":
		parts = append(parts, p.T("doctor.host.help", h.Help))
	}
	if h.Provider == "" {
		parts = append(parts, p.T("doctor.host.manual"))
	}
	r.add(Check{ID: "dns-host", Status: Info, Message: d.join(parts...)})
}

// jaPad puts a name into a Japanese sentence: a space on a side only where
// the name begins or ends with a Latin letter or digit (お名前.com で,
// Cloudflare で, エックスサーバーで). In English the catalog has the spaces.
func jaPad(p i18n.Printer, name string) string {
	if p.Lang != i18n.JA || name == "" {
		return name
	}
	first, _ := utf8.DecodeRuneInString(name)
	last, _ := utf8.DecodeLastRuneInString(name)
	if first < 0x80 {
		name = " " + name
	}
	if last < 0x80 {
		name += " "
	}
	return name
}
