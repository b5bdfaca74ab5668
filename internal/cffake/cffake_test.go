package cffake

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

type resp struct {
	Success bool `json:"success"`
	Errors  []struct {
		Code       int    `json:"code"`
		Message    string `json:"message"`
		ErrorChain []struct {
			Code int `json:"code"`
		} `json:"error_chain"`
	} `json:"errors"`
	Result     json.RawMessage `json:"result"`
	ResultInfo *resultInfo     `json:"result_info"`
}

// call sends one request; auth "" sends no Authorization header.
func call(t *testing.T, f *Server, token, method, path, body string) (int, http.Header, resp) {
	t.Helper()
	req, _ := http.NewRequest(method, f.URL+"/client/v4"+path, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	var r resp
	_ = json.Unmarshal(b, &r)
	return res.StatusCode, res.Header, r
}

func code(r resp) int {
	if len(r.Errors) == 0 {
		return 0
	}
	return r.Errors[0].Code
}

// Authentication answers as the API does: 400 9106 without a header, 400
// 6003/6111 for a malformed token, 403 9109 for an unknown token, 403
// 9109 (zones) or 10000 (records) for a token without the permission or
// the zone.
func TestAuth(t *testing.T) {
	f := Start(t)
	f.AddToken("edit", DNSEdit)
	f.AddToken("read", ZoneRead|DNSRead)
	f.AddScopedToken("other", Token{Perms: ZoneRead | DNSEdit, Zones: []string{"other.com"}})
	z := f.AddZone("example.com")
	f.AddZone("other.com")
	for _, tc := range []struct {
		token, method, path string
		status, code        int
	}{
		{"", "GET", "/zones", 400, 9106},
		{"two words", "GET", "/zones", 400, 6003},
		{"nope", "GET", "/zones", 403, 9109},
		{"edit", "GET", "/zones", 403, 9109}, // no Zone:Read
		{"edit", "GET", "/zones/" + z, 403, 9109},
		{"read", "POST", "/zones/" + z + "/dns_records", 403, 10000},
		{"read", "GET", "/zones/" + z + "/dns_records", 200, 0},
		{"other", "GET", "/zones/" + z + "/dns_records", 403, 10000},
		{"other", "GET", "/zones/" + z, 403, 9109},
		{"edit", "GET", "/zones/0123/dns_records", 404, 7003},
	} {
		status, _, r := call(t, f, tc.token, tc.method, tc.path, `{"type":"TXT","name":"@","content":"\"x\""}`)
		if status != tc.status || code(r) != tc.code {
			t.Errorf("%s %s with %q: %d %+v, want %d code %d", tc.method, tc.path, tc.token, status, r, tc.status, tc.code)
		}
	}
	_, _, r := call(t, f, "two words", "GET", "/zones", "")
	if len(r.Errors) != 1 || len(r.Errors[0].ErrorChain) != 1 || r.Errors[0].ErrorChain[0].Code != 6111 {
		t.Errorf("malformed token: %+v", r)
	}
	// A scoped token lists only its zones.
	_, _, r = call(t, f, "other", "GET", "/zones", "")
	var zs []zoneJSON
	_ = json.Unmarshal(r.Result, &zs)
	if len(zs) != 1 || zs[0].Name != "other.com" {
		t.Errorf("scoped token lists %+v", zs)
	}
}

// The rate limit: the 1,201st request in five minutes of one user (any of
// its tokens) is answered 429 with retry-after, and so is every request of
// that user for five minutes; other users are not affected.
func TestRateLimit(t *testing.T) {
	f := Start(t)
	f.Limit = 10
	f.AddScopedToken("a1", Token{User: "alice", Perms: ZoneRead})
	f.AddScopedToken("a2", Token{User: "alice", Perms: ZoneRead})
	f.AddScopedToken("b", Token{User: "bob", Perms: ZoneRead})
	for i := 0; i < 10; i++ {
		tok := []string{"a1", "a2"}[i%2]
		if status, _, _ := call(t, f, tok, "GET", "/zones", ""); status != 200 {
			t.Fatalf("request %d: %d", i+1, status)
		}
	}
	status, h, r := call(t, f, "a1", "GET", "/zones", "")
	if status != 429 || h.Get("Retry-After") != "300" || code(r) != 971 {
		t.Fatalf("11th: %d %v %+v", status, h, r)
	}
	if status, _, _ := call(t, f, "b", "GET", "/zones", ""); status != 200 {
		t.Fatalf("another user: %d", status)
	}
	f.Advance(4*time.Minute + 50*time.Second)
	status, h, _ = call(t, f, "a2", "GET", "/zones", "")
	if status != 429 || h.Get("Retry-After") != "10" {
		t.Fatalf("still locked: %d %v", status, h)
	}
	f.Advance(11 * time.Second)
	if status, _, _ := call(t, f, "a1", "GET", "/zones", ""); status != 200 {
		t.Fatalf("after five minutes: %d", status)
	}
}

// Records: TXT storage (several strings kept, long strings split), the
// validation codes, paging with result_info, the filters.
func TestStoreAndPaging(t *testing.T) {
	f := Start(t)
	f.AddToken("t", ZoneRead|DNSEdit)
	z := f.AddZone("example.com")
	long := strings.Repeat("a", 300)
	status, _, r := call(t, f, "t", "POST", "/zones/"+z+"/dns_records", `{"type":"TXT","name":"@","content":"\"`+long+`\"","ttl":1}`)
	if status != 200 {
		t.Fatalf("%d %+v", status, r)
	}
	if got := f.TXT("example.com", "example.com"); len(got) != 1 || got[0] != `"`+strings.Repeat("a", 255)+`" "`+strings.Repeat("a", 45)+`"` {
		t.Fatalf("stored %q", got)
	}
	if status, _, _ := call(t, f, "t", "POST", "/zones/"+z+"/dns_records", `{"type":"TXT","name":"multi","content":"\"ms=a;\" \"b\""}`); status != 200 {
		t.Fatal(status)
	}
	if got := f.TXT("example.com", "multi.example.com"); len(got) != 1 || got[0] != `"ms=a;" "b"` {
		t.Fatalf("several strings stored as %q", got)
	}
	for body, c := range map[string]int{
		`{"type":"TXT","name":"example.com","content":"\"` + long + `\""}`:                 81058,
		`{"type":"TXT","name":"x","content":"\"y\"","ttl":30}`:                             9021,
		`{"type":"CNAME","name":"@","content":"other.example"}`:                            81053,
		`{"type":"TXT","name":"x","content":"\"y\"","tags":["untagged"]}`:                  9102,
		`{"type":"TXT","name":"x","content":"\"y\"","comment":"` + long[:101] + `"}`:       9101,
		`{"type":"TXT","name":"x","content":"\"` + strings.Repeat("z", 2100) + `\""}`:      9100,
		`{"type":"TXT","name":"x","content":"\"unterminated"}`:                             9007,
		`{"type":"MX","name":"x","content":"mx.example.com"}`:                              9106,
		`{"type":"TXT","name":"x.example.com.other","content":"\"y\"","ttl":-5}`:           9021,
		`{"type":"TXT","name":"","content":"\"y\"","comment":"ok","tags":["a:b"],"ttl":1}`: 81058 - 81058, // apex, fine
	} {
		status, _, r := call(t, f, "t", "POST", "/zones/"+z+"/dns_records", body)
		if c == 0 {
			if status != 200 {
				t.Errorf("%s: %d %+v", body, status, r)
			}
			continue
		}
		if status != 400 || code(r) != c {
			t.Errorf("%s: %d %+v, want code %d", body, status, r, c)
		}
	}
	for i := range 6 {
		f.AddRecord("example.com", Record{Type: "A", Name: fmt.Sprintf("h%d", i), Content: "192.0.2.1"})
	}
	f.MaxPerPage = 2
	seen := 0
	for page := 1; page <= 6; page++ {
		status, _, r := call(t, f, "t", "GET", fmt.Sprintf("/zones/%s/dns_records?type=A&per_page=100&page=%d", z, page), "")
		if status != 200 || r.ResultInfo == nil {
			t.Fatalf("page %d: %d, result_info %v", page, status, r.ResultInfo)
		}
		ri := r.ResultInfo
		if ri.Page != page || ri.PerPage != 2 || ri.TotalCount != 6 || ri.TotalPages != 3 {
			t.Errorf("page %d: %+v", page, *ri)
		}
		seen += ri.Count
	}
	if seen != 6 {
		t.Errorf("%d records over the pages", seen)
	}
	f.MaxPerPage = 0
	for q, n := range map[string]int{
		"name.exact=H3.Example.com":                    1,
		"name=h3.example.com&type=TXT":                 0,
		"name.endswith=.example.com&type=A":            6,
		"content.contains=MS%3DA":                      1,
		"type=TXT&name.exact=example.com":              2,
		"type=TXT&name.exact=h1.example.com&match=any": 4,
	} {
		status, _, r := call(t, f, "t", "GET", "/zones/"+z+"/dns_records?"+q, "")
		if status != 200 || r.ResultInfo == nil || r.ResultInfo.TotalCount != n {
			t.Errorf("%s: %d %+v, want %d", q, status, r.ResultInfo, n)
		}
	}
	for _, q := range []string{"per_page=0", "bogus=1", "page=0"} {
		if status, _, _ := call(t, f, "t", "GET", "/zones/"+z+"/dns_records?"+q, ""); status != 400 {
			t.Errorf("%s: %d", q, status)
		}
	}
	if status, _, _ := call(t, f, "t", "GET", "/zones?per_page=51", ""); status != 400 {
		t.Errorf("zones per_page over 50: %d", status)
	}
}

// PATCH changes only the fields sent (comment and tags kept, id kept);
// PUT overwrites (comment and tags gone).
func TestPatchAndPut(t *testing.T) {
	f := Start(t)
	f.AddToken("t", ZoneRead|DNSEdit)
	z := f.AddZone("example.com")
	c := "keep me"
	rec := f.AddRecord("example.com", Record{Type: "TXT", Name: "@", Content: `"old"`, TTL: 3600, Comment: &c, Tags: []string{"team:mail"}})
	if status, _, r := call(t, f, "t", "PATCH", "/zones/"+z+"/dns_records/"+rec.ID, `{"content":"\"new\""}`); status != 200 {
		t.Fatalf("%d %+v", status, r)
	}
	got := f.Records("example.com")[0]
	if got.ID != rec.ID || got.Content != `"new"` || got.Comment == nil || *got.Comment != c || len(got.Tags) != 1 || got.TTL != 3600 {
		t.Fatalf("after PATCH %+v", got)
	}
	if status, _, _ := call(t, f, "t", "PUT", "/zones/"+z+"/dns_records/"+rec.ID, `{"type":"TXT","name":"@","content":"\"put\""}`); status != 200 {
		t.Fatal(status)
	}
	got = f.Records("example.com")[0]
	if got.ID != rec.ID || got.Comment != nil || len(got.Tags) != 0 || got.TTL != 1 {
		t.Fatalf("after PUT %+v", got)
	}
}

// The batch is one transaction: deletes, patches, puts, posts in that
// order, all or nothing.
func TestBatch(t *testing.T) {
	f := Start(t)
	f.AddToken("t", ZoneRead|DNSEdit)
	z := f.AddZone("example.com")
	a := f.AddRecord("example.com", Record{Type: "TXT", Name: "@", Content: `"a"`})
	b := f.AddRecord("example.com", Record{Type: "TXT", Name: "@", Content: `"b"`})
	// Deletes run before posts: "a" can be deleted and posted again in one batch.
	body := fmt.Sprintf(`{"deletes":[{"id":%q}],"patches":[{"id":%q,"content":"\"b2\""}],"posts":[{"type":"TXT","name":"@","content":"\"a\""}]}`, a.ID, b.ID)
	if status, _, r := call(t, f, "t", "POST", "/zones/"+z+"/dns_records/batch", body); status != 200 {
		t.Fatalf("%d %+v", status, r)
	}
	if got := f.TXT("example.com", "example.com"); strings.Join(got, ",") != `"a","b2"` {
		t.Fatalf("after batch %q", got)
	}
	before := f.Records("example.com")
	// The post fails (identical record): the delete and patch before it are undone.
	var ids []string
	for _, r := range before {
		ids = append(ids, r.ID)
	}
	body = fmt.Sprintf(`{"deletes":[{"id":%q}],"patches":[{"id":%q,"content":"\"x\""}],"posts":[{"type":"TXT","name":"@","content":"\"x\""}]}`, ids[0], ids[1])
	if status, _, r := call(t, f, "t", "POST", "/zones/"+z+"/dns_records/batch", body); status != 400 || code(r) != 81058 {
		t.Fatalf("%d %+v", status, r)
	}
	if after := f.Records("example.com"); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatalf("a failed batch changed the zone:\n%v\n%v", before, after)
	}
}

// Email Routing's records are read-only, alone and in a batch.
func TestReadOnly(t *testing.T) {
	f := Start(t)
	f.AddToken("t", ZoneRead|DNSEdit)
	z := f.AddZone("example.com")
	r := f.AddRecord("example.com", Record{Type: "TXT", Name: "@", Content: `"v=spf1 include:_spf.mx.cloudflare.net ~all"`, Meta: Meta{ReadOnly: true, EmailRouting: true}})
	for _, tc := range []struct{ method, path, body string }{
		{"PATCH", "/dns_records/" + r.ID, `{"content":"\"x\""}`},
		{"DELETE", "/dns_records/" + r.ID, ``},
		{"POST", "/dns_records/batch", `{"deletes":[{"id":"` + r.ID + `"}]}`},
	} {
		if status, _, resp := call(t, f, "t", tc.method, "/zones/"+z+tc.path, tc.body); status != 400 || code(resp) != 1004 {
			t.Errorf("%s %s: %d %+v", tc.method, tc.path, status, resp)
		}
	}
	if len(f.Records("example.com")) != 1 {
		t.Fatal("the locked record changed")
	}
}

func TestFaultsAndCounts(t *testing.T) {
	f := Start(t)
	f.AddToken("t", ZoneRead|DNSEdit)
	z := f.AddZone("example.com")
	f.AddRecord("example.com", Record{Type: "TXT", Name: "victim", Content: `"v"`})
	f.Fail(Fault{Status: 503, RetryAfter: "7"})
	f.Fail(Fault{Method: "GET", Name: "victim.example.com", Status: 503, Times: -1})
	status, h, _ := call(t, f, "t", "GET", "/zones", "")
	if status != 503 || h.Get("Retry-After") != "7" {
		t.Fatalf("%d %v", status, h)
	}
	if status, _, _ := call(t, f, "t", "GET", "/zones", ""); status != 200 {
		t.Fatalf("fault not used up: %d", status)
	}
	for range 2 {
		if status, _, _ := call(t, f, "t", "GET", "/zones/"+z+"/dns_records?name.exact=victim.example.com", ""); status != 503 {
			t.Fatalf("name fault: %d", status)
		}
	}
	if status, _, _ := call(t, f, "t", "GET", "/zones/"+z+"/dns_records?name.exact=other.example.com", ""); status != 200 {
		t.Fatalf("other name: %d", status)
	}
	if n := f.Count("GET", "/client/v4/zones/:zone/dns_records"); n != 3 {
		t.Errorf("count %d", n)
	}
	if n := f.MaxInWindow(time.Minute); n != 5 {
		t.Errorf("window %d", n)
	}
	// A write that lands and is answered 502; the Nth request; a cut.
	f.ResetCounts()
	f.Fail(Fault{At: 1, Mode: AfterApply, Status: 502, Body: "<html>bad gateway</html>"})
	if status, _, _ := call(t, f, "t", "POST", "/zones/"+z+"/dns_records", `{"type":"TXT","name":"landed","content":"\"x\""}`); status != 502 {
		t.Fatalf("after-apply fault: %d", status)
	}
	if len(f.TXT("example.com", "landed.example.com")) != 1 {
		t.Fatal("the write did not land")
	}
	f.Fail(Fault{At: 2, Mode: Cut})
	req, _ := http.NewRequest("GET", f.URL+"/client/v4/zones", nil)
	req.Header.Set("Authorization", "Bearer t")
	fresh := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	if _, err := fresh.Do(req); err == nil {
		t.Fatal("the cut connection answered")
	}
	f.Fail(Fault{Mode: Lockout})
	if status, h, _ := call(t, f, "t", "GET", "/zones", ""); status != 429 || h.Get("Retry-After") != "300" {
		t.Fatalf("lockout fault: %d %v", status, h)
	}
	if status, _, _ := call(t, f, "t", "GET", "/zones", ""); status != 429 {
		t.Fatalf("not locked out: %d", status)
	}
}

// The list takes exactly the documented filters: names (exact, suffix:
// what spfpatch's one-name reads use, a wildcard owner matched as it is),
// comments, tags, proxied, match and tag_match; search and anything
// undocumented are refused.
func TestListFilters(t *testing.T) {
	f := Start(t)
	f.AddToken("t", DNSEdit)
	z := f.AddZone("example.com")
	cm := "mail senders"
	for _, r := range []Record{
		{Type: "TXT", Name: "@", Content: `"v=spf1 -all"`, Comment: &cm, Tags: []string{"owner:Mail"}},
		{Type: "A", Name: "shop", Content: "192.0.2.1", Proxied: true},
		{Type: "A", Name: "a.shop", Content: "192.0.2.2"},
		{Type: "TXT", Name: "*.shop", Content: `"wild"`},
		{Type: "MX", Name: "*", Content: "mx.example.com", Priority: new(uint16)},
		{Type: "A", Name: "noshop", Content: "192.0.2.3"},
	} {
		f.AddRecord("example.com", r)
	}
	names := func(query string) ([]string, int, int) {
		t.Helper()
		status, _, r := call(t, f, "t", "GET", "/zones/"+z+"/dns_records?"+query, "")
		var rs []Record
		_ = json.Unmarshal(r.Result, &rs)
		var out []string
		for _, x := range rs {
			out = append(out, x.Type+" "+x.Name)
		}
		total := 0
		if r.ResultInfo != nil {
			total = r.ResultInfo.TotalCount
		}
		return out, total, status
	}
	for q, want := range map[string]string{
		"name.exact=SHOP.example.com":                                "A shop.example.com",
		"name=shop.example.com":                                      "A shop.example.com",
		"name.exact=%2A.shop.example.com":                            "TXT *.shop.example.com",
		"name.exact=%2A.example.com":                                 "MX *.example.com",
		"name.endswith=.shop.example.com&order=name":                 "TXT *.shop.example.com,A a.shop.example.com",
		"name.startswith=no":                                         "A noshop.example.com",
		"name.contains=shop&type=A&order=name&direction=asc":         "A a.shop.example.com,A noshop.example.com,A shop.example.com",
		"comment.contains=SENDERS":                                   "TXT example.com",
		"comment.present=1&type=TXT":                                 "TXT example.com",
		"comment.absent=1&type=TXT&order=name":                       "TXT *.shop.example.com",
		"tag.exact=owner:mail":                                       "TXT example.com",
		"tag.present=owner":                                          "TXT example.com",
		"proxied=true":                                               "A shop.example.com",
		"match=any&name.exact=noshop.example.com&type=MX&order=type": "A noshop.example.com,MX *.example.com",
		"content.exact=192.0.2.2":                                    "A a.shop.example.com",
	} {
		got, _, status := names(q)
		if status != 200 || strings.Join(got, ",") != want {
			t.Errorf("%s: %d %q, want %q", q, status, got, want)
		}
	}
	if got, total, _ := names("name.endswith=.shop.example.com&per_page=1"); len(got) != 1 || total != 2 {
		t.Errorf("one of a suffix: %q of %d", got, total)
	}
	for _, q := range []string{"search=shop", "name.like=shop", "per_page=0", "per_page=5000001", "match=some"} {
		if _, _, status := names(q); status != 400 {
			t.Errorf("%s: %d, want 400", q, status)
		}
	}
	if _, _, status := names("per_page=5000000"); status != 200 {
		t.Errorf("per_page 5,000,000 refused")
	}
}
