package doctor

import "strings"

// Platform is the mail platform whose include the shop needs, as the shop
// owner knows it: its name and the help article that asks for the include.
// It travels with the include, so that another include shows its own name.
type Platform struct {
	Include string `json:"include"`
	Name    string `json:"name"`              // as the owner knows it: e-shopsカートS
	NameEN  string `json:"-"`                 // the same in English output
	Article string `json:"article,omitempty"` // the help article's number: No.11487
	Title   string `json:"title,omitempty"`   // the help article's title
	// AdminPath is where, in the platform's admin screen, the sender
	// address is set (the article's words), "" when unknown.
	AdminPath string `json:"admin_path,omitempty"`
	// Sections are the article's own headings for the situations doctor
	// tells apart, "" when the platform has no article.
	OwnServer   string `json:"-"` // the include is set already: no work
	OtherServer string `json:"-"` // the shop's own DNS: add the include
	FreeMail    string `json:"-"` // the sender address is free mail
	// English renderings of the title, the admin path and the headings.
	TitleEN, AdminPathEN, OwnServerEN, OtherServerEN, FreeMailEN string `json:"-"`
}

// For returns the platform's texts in lang ("en" or "ja").
func (p Platform) For(lang string) Platform {
	if lang == "ja" {
		return p
	}
	q := p
	for _, f := range []struct {
		dst *string
		src string
	}{
		{&q.Name, p.NameEN}, {&q.Title, p.TitleEN}, {&q.AdminPath, p.AdminPathEN},
		{&q.OwnServer, p.OwnServerEN}, {&q.OtherServer, p.OtherServerEN}, {&q.FreeMail, p.FreeMailEN},
	} {
		if f.src != "" {
			*f.dst = f.src
		}
	}
	return q
}

// Platforms are the platforms doctor knows by include. The names, title and
// headings are quoted from the help article (shared/seed: e-shopsカートS help
// article No:11487, last updated 2023/06/19).
var Platforms = map[string]Platform{
	"e-shopsmail2.com": {
		Include:     "e-shopsmail2.com",
		Name:        "e-shopsカートS",
		Article:     "No.11487",
		Title:       "Gmailへのメール送信がエラーとなって返ってきてしまいます",
		AdminPath:   "管理画面>基本設定>メールアドレス設定",
		OwnServer:   "カートSで提供しているレンタルサーバをご利用中の場合",
		OtherServer: "他社レンタルサーバをご利用中の場合",
		// The article's heading is 「メール送信用」にGmailアドレスを設定中の場合;
		// doctor quotes headings in 「」, so the inner brackets are 『』.
		FreeMail: "『メール送信用』にGmailアドレスを設定中の場合",

		NameEN:        "e-shops Cart S",
		TitleEN:       "Mail to Gmail comes back as an error",
		AdminPathEN:   "admin screen > basic settings > mail address settings",
		OwnServerEN:   "if you use the rental server provided by Cart S",
		OtherServerEN: "if you use another company's rental server",
		FreeMailEN:    "if a Gmail address is set as the sender address",
	},
}

// PlatformFor returns the platform of the first include; an include doctor
// does not know is named by itself, with no article. name, when set,
// overrides the name (--platform-name).
func PlatformFor(includes []string, name string) Platform {
	inc := "e-shopsmail2.com"
	if len(includes) > 0 {
		inc = strings.ToLower(strings.TrimSuffix(includes[0], "."))
	}
	p, ok := Platforms[inc]
	if !ok {
		p = Platform{Include: inc, Name: inc}
	}
	if name = strings.TrimSpace(name); name != "" {
		p.Name = name
	}
	return p
}
