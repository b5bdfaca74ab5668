package cffake

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

type resp struct {
	Success bool `json:"success"`
	Errors  []struct {
		Code int `json:"code"`
	} `json:"errors"`
	Result     json.RawMessage `json:"result"`
	ResultInfo *resultInfo     `json:"result_info"`
}

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

func TestAuth(t *testing.T) {
	f := Start(t)
	f.AddToken("edit", DNSEdit)
	f.AddToken("read", DNSRead)
	z := f.AddZone("example.com")
	for _, tc := range []struct {
		token, method, path string
		status              int
	}{
		{"", "GET", "/zones", 401},
		{"nope", "GET", "/zones", 401},
		{"edit", "GET", "/zones", 403}, // no Zone:Read
		{"read", "POST", "/zones/" + z + "/dns_records", 403},
		{"read", "GET", "/zones/" + z + "/dns_records", 200},
	} {
		status, _, r := call(t, f, tc.token, tc.method, tc.path, `{"type":"TXT","name":"@","content":"\"x\""}`)
		if status != tc.status || (status != 200 && (r.Success || len(r.Errors) != 1 || r.Errors[0].Code != 10000)) {
			t.Errorf("%s %s with %q: %d %+v, want %d", tc.method, tc.path, tc.token, status, r, tc.status)
		}
	}
}

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
	// identical record, bad TTL, CNAME beside others
	for body, code := range map[string]int{
		`{"type":"TXT","name":"example.com","content":"\"` + long + `\""}`: 81058,
		`{"type":"TXT","name":"x","content":"\"y\"","ttl":30}`:             9021,
		`{"type":"CNAME","name":"@","content":"other.example"}`:            81053,
	} {
		status, _, r := call(t, f, "t", "POST", "/zones/"+z+"/dns_records", body)
		if status != 400 || len(r.Errors) != 1 || r.Errors[0].Code != code {
			t.Errorf("%s: %d %+v, want code %d", body, status, r, code)
		}
	}
	for i := range 6 {
		f.AddRecord("example.com", Record{Type: "A", Name: "h" + string(rune('0'+i)), Content: "192.0.2.1"})
	}
	f.MaxPerPage = 2
	seen := 0
	for page := 1; page <= 5; page++ {
		status, _, r := call(t, f, "t", "GET", "/zones/"+z+"/dns_records?per_page=100&page="+string(rune('0'+page)), "")
		if status != 200 || r.ResultInfo == nil {
			t.Fatalf("page %d: %d, result_info %v", page, status, r.ResultInfo)
		}
		ri := r.ResultInfo
		if ri.Page != page || ri.PerPage != 2 || ri.TotalCount != 7 || ri.TotalPages != 4 {
			t.Errorf("page %d: %+v", page, *ri)
		}
		seen += ri.Count
	}
	if seen != 7 {
		t.Errorf("%d records over the pages", seen)
	}
	if status, _, _ := call(t, f, "t", "GET", "/zones/"+z+"/dns_records?per_page=0", ""); status != 400 {
		t.Errorf("per_page=0: %d", status)
	}
	if status, _, _ := call(t, f, "t", "GET", "/zones/"+z+"/dns_records?bogus=1", ""); status != 400 {
		t.Errorf("unknown parameter: %d", status)
	}
	if status, _, r := call(t, f, "t", "GET", "/zones?name=example.com", ""); status != 200 || r.ResultInfo == nil {
		t.Errorf("zones: %d %+v", status, r)
	}
}

func TestFaultsAndCounts(t *testing.T) {
	f := Start(t)
	f.AddToken("t", ZoneRead|DNSEdit)
	z := f.AddZone("example.com")
	f.AddRecord("example.com", Record{Type: "TXT", Name: "victim", Content: `"v"`})
	f.Fail(Fault{Status: 429, RetryAfter: "7", Times: 1})
	f.Fail(Fault{Method: "GET", Name: "victim.example.com", Status: 503, Times: -1})
	status, h, r := call(t, f, "t", "GET", "/zones", "")
	if status != 429 || h.Get("Retry-After") != "7" || r.Errors[0].Code != 971 {
		t.Fatalf("%d %v %+v", status, h, r)
	}
	if status, _, _ := call(t, f, "t", "GET", "/zones", ""); status != 200 {
		t.Fatalf("fault not used up: %d", status)
	}
	for range 2 {
		if status, _, _ := call(t, f, "t", "GET", "/zones/"+z+"/dns_records?name=victim.example.com", ""); status != 503 {
			t.Fatalf("name fault: %d", status)
		}
	}
	if status, _, _ := call(t, f, "t", "GET", "/zones/"+z+"/dns_records?name=other.example.com", ""); status != 200 {
		t.Fatalf("other name: %d", status)
	}
	if n := f.Count("GET", "/client/v4/zones/:zone/dns_records"); n != 3 {
		t.Errorf("count %d", n)
	}
	if n := f.MaxInWindow(time.Minute); n != 5 {
		t.Errorf("window %d", n)
	}
}
