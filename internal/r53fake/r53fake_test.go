package r53fake

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	awsr53 "github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/aws/smithy-go"
)

func client(f *Server, key, secret string) *awsr53.Client {
	return awsr53.New(awsr53.Options{
		Region:           "us-east-1",
		BaseEndpoint:     aws.String(f.URL),
		Credentials:      credentials.NewStaticCredentialsProvider(key, secret, ""),
		RetryMaxAttempts: 1,
	})
}

func upsert(action types.ChangeAction, name string, ttl int64, values ...string) types.Change {
	set := &types.ResourceRecordSet{Name: aws.String(name), Type: types.RRTypeTxt, TTL: aws.Int64(ttl)}
	for _, v := range values {
		set.ResourceRecords = append(set.ResourceRecords, types.ResourceRecord{Value: aws.String(v)})
	}
	return types.Change{Action: action, ResourceRecordSet: set}
}

func TestChangeBatchIsAtomicAndStrict(t *testing.T) {
	f := Start(t, "AKID", "sekrit")
	id := f.AddZone("example.com", false)
	f.AddRRSet(id, RRSet{Name: "example.com", Type: "TXT", TTL: 300, Values: []string{`"a"`, `"b"`}})
	c := client(f, "AKID", "sekrit")
	ctx := context.Background()
	for _, tc := range []struct {
		name    string
		changes []types.Change
		want    string
	}{
		{"create existing", []types.Change{upsert(types.ChangeActionCreate, "example.com.", 300, `"c"`)}, "already exists"},
		{"delete with other TTL", []types.Change{upsert(types.ChangeActionDelete, "example.com.", 60, `"a"`, `"b"`)}, "do not match"},
		{"delete with a value missing", []types.Change{upsert(types.ChangeActionDelete, "example.com.", 300, `"a"`)}, "do not match"},
		{"delete absent", []types.Change{upsert(types.ChangeActionDelete, "x.example.com.", 300, `"a"`)}, "not found"},
		{"duplicate values", []types.Change{upsert(types.ChangeActionUpsert, "example.com.", 300, `"a"`, `"a"`)}, "Duplicate Resource Record"},
		{"unquoted TXT", []types.Change{upsert(types.ChangeActionUpsert, "example.com.", 300, `a`)}, "enclosed in quotation marks"},
		{"string over 255", []types.Change{upsert(types.ChangeActionUpsert, "example.com.", 300, `"`+strings.Repeat("x", 256)+`"`)}, "too long"},
		{"outside the zone", []types.Change{upsert(types.ChangeActionUpsert, "example.org.", 300, `"a"`)}, "not permitted in zone"},
		// A good change followed by a bad one: neither is applied.
		{"atomic", []types.Change{upsert(types.ChangeActionUpsert, "new.example.com.", 300, `"ok"`), upsert(types.ChangeActionCreate, "example.com.", 300, `"c"`)}, "already exists"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := f.Snapshot()
			_, err := c.ChangeResourceRecordSets(ctx, &awsr53.ChangeResourceRecordSetsInput{HostedZoneId: aws.String(id), ChangeBatch: &types.ChangeBatch{Changes: tc.changes}})
			var icb *types.InvalidChangeBatch
			if !errors.As(err, &icb) || !strings.Contains(strings.Join(icb.Messages, " "), tc.want) {
				t.Fatalf("got %v, want InvalidChangeBatch with %q", err, tc.want)
			}
			if !reflect.DeepEqual(before, f.Snapshot()) {
				t.Fatal("a refused batch changed the store")
			}
		})
	}
	// DELETE then CREATE of the same RRset in one batch is fine.
	_, err := c.ChangeResourceRecordSets(ctx, &awsr53.ChangeResourceRecordSetsInput{HostedZoneId: aws.String(id), ChangeBatch: &types.ChangeBatch{Changes: []types.Change{
		upsert(types.ChangeActionDelete, "example.com.", 300, `"b"`, `"a"`),
		upsert(types.ChangeActionCreate, "example.com.", 300, `"c"`),
	}}})
	if err != nil || !reflect.DeepEqual(f.Values(id, "example.com", "TXT"), []string{`"c"`}) {
		t.Fatalf("%v %q", err, f.Values(id, "example.com", "TXT"))
	}
	out, err := c.GetChange(ctx, &awsr53.GetChangeInput{Id: aws.String("/change/C0000000002FAKE")})
	if err != nil || out.ChangeInfo.Status != types.ChangeStatusInsync {
		t.Fatalf("GetChange: %v", err)
	}
}

func TestPagingOrder(t *testing.T) {
	f := Start(t, "AKID", "")
	f.MaxItems = 2
	id := f.AddZone("example.com", false)
	for _, n := range []string{"b", "a", "*.a", "z.b"} {
		f.AddRRSet(id, RRSet{Name: n + ".example.com", Type: "TXT", TTL: 300, Values: []string{`"x"`}})
	}
	c := client(f, "AKID", "anything")
	var names []string
	in := &awsr53.ListResourceRecordSetsInput{HostedZoneId: aws.String(id), MaxItems: aws.Int32(1000)}
	pages := 0
	for {
		out, err := c.ListResourceRecordSets(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		if len(out.ResourceRecordSets) > 2 {
			t.Fatalf("page of %d", len(out.ResourceRecordSets))
		}
		for _, s := range out.ResourceRecordSets {
			names = append(names, aws.ToString(s.Name)+" "+string(s.Type))
		}
		if !out.IsTruncated {
			break
		}
		in.StartRecordName, in.StartRecordType = out.NextRecordName, out.NextRecordType
	}
	want := []string{"example.com. NS", "example.com. SOA", `a.example.com. TXT`, `\052.a.example.com. TXT`, "b.example.com. TXT", "z.b.example.com. TXT"}
	if !reflect.DeepEqual(names, want) || pages != 3 {
		t.Fatalf("%d pages: %q, want %q", pages, names, want)
	}
}

func TestAuth(t *testing.T) {
	f := Start(t, "AKID", "sekrit")
	f.AddZone("example.com", false)
	ctx := context.Background()
	for _, tc := range []struct{ key, secret, code string }{
		{"OTHER", "sekrit", "InvalidClientTokenId"},
		{"AKID", "wrong", "SignatureDoesNotMatch"},
	} {
		_, err := client(f, tc.key, tc.secret).ListHostedZones(ctx, &awsr53.ListHostedZonesInput{})
		var ae smithy.APIError
		if !errors.As(err, &ae) || ae.ErrorCode() != tc.code {
			t.Errorf("%s/%s: got %v, want %s", tc.key, tc.secret, err, tc.code)
		}
	}
	if _, err := client(f, "AKID", "sekrit").ListHostedZones(ctx, &awsr53.ListHostedZonesInput{}); err != nil {
		t.Fatal(err)
	}
}

func TestFaults(t *testing.T) {
	f := Start(t, "AKID", "")
	f.AddZone("example.com", false)
	f.Fail(Fault{Op: "ListHostedZones", Status: 400, Code: "Throttling", Times: 1})
	f.Fail(Fault{Op: "ListHostedZones", Status: 503, Code: "ServiceUnavailable", Times: 1})
	c := client(f, "AKID", "x")
	ctx := context.Background()
	for _, code := range []string{"Throttling", "ServiceUnavailable"} {
		_, err := c.ListHostedZones(ctx, &awsr53.ListHostedZonesInput{})
		var ae smithy.APIError
		if !errors.As(err, &ae) || ae.ErrorCode() != code {
			t.Fatalf("got %v, want %s", err, code)
		}
	}
	if _, err := c.ListHostedZones(ctx, &awsr53.ListHostedZonesInput{}); err != nil {
		t.Fatal(err)
	}
	if f.Count("ListHostedZones") != 3 || f.MaxInWindow(1e12) != 3 {
		t.Errorf("counts %d %d", f.Count("ListHostedZones"), f.MaxInWindow(1e12))
	}
}

// Adjacent strings ("abc""def") are accepted and returned exactly as sent.
func TestAdjacentStrings(t *testing.T) {
	f := Start(t, "AKID", "")
	id := f.AddZone("example.com", false)
	c := client(f, "AKID", "x")
	ctx := context.Background()
	_, err := c.ChangeResourceRecordSets(ctx, &awsr53.ChangeResourceRecordSetsInput{HostedZoneId: aws.String(id),
		ChangeBatch: &types.ChangeBatch{Changes: []types.Change{upsert(types.ChangeActionUpsert, "example.com.", 300, `"v=spf1 ""-all"`, `"a" "b""c"`)}}})
	if err != nil {
		t.Fatal(err)
	}
	out, err := c.ListResourceRecordSets(ctx, &awsr53.ListResourceRecordSetsInput{HostedZoneId: aws.String(id), StartRecordName: aws.String("example.com."), StartRecordType: types.RRTypeTxt})
	if err != nil || len(out.ResourceRecordSets) == 0 {
		t.Fatal(err)
	}
	var got []string
	for _, rr := range out.ResourceRecordSets[0].ResourceRecords {
		got = append(got, aws.ToString(rr.Value))
	}
	if !reflect.DeepEqual(got, []string{`"v=spf1 ""-all"`, `"a" "b""c"`}) {
		t.Fatalf("returned %q", got)
	}
	if _, err := ParseStrings(`"a"b`); err == nil {
		t.Fatal(`"a"b accepted`)
	}
}

// ASCII order with labels reversed and a trailing dot; NextRecordIdentifier
// for RRsets with a routing policy, and the identifier parameter.
func TestOrderAndIdentifier(t *testing.T) {
	f := Start(t, "AKID", "")
	f.MaxItems = 1
	id := f.AddZone("example.com", false)
	f.AddRRSet(id, RRSet{Name: "a.example.com", Type: "TXT", TTL: 60, Values: []string{`"a"`}})
	f.AddRRSet(id, RRSet{Name: "a-b.example.com", Type: "TXT", TTL: 60, Values: []string{`"ab"`}})
	for _, w := range []string{"one", "two"} {
		f.AddRRSet(id, RRSet{Name: "w.example.com", Type: "TXT", SetIdentifier: w, TTL: 60, Values: []string{`"` + w + `"`}})
	}
	c := client(f, "AKID", "x")
	var seen []string
	in := &awsr53.ListResourceRecordSetsInput{HostedZoneId: aws.String(id)}
	sawIdentifier := false
	for {
		out, err := c.ListResourceRecordSets(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range out.ResourceRecordSets {
			seen = append(seen, aws.ToString(s.Name)+"/"+aws.ToString(s.SetIdentifier))
		}
		if !out.IsTruncated {
			break
		}
		sawIdentifier = sawIdentifier || out.NextRecordIdentifier != nil
		in.StartRecordName, in.StartRecordType, in.StartRecordIdentifier = out.NextRecordName, out.NextRecordType, out.NextRecordIdentifier
	}
	want := []string{"example.com./", "example.com./", "a-b.example.com./", "a.example.com./", "w.example.com./one", "w.example.com./two"}
	if !reflect.DeepEqual(seen, want) || !sawIdentifier {
		t.Fatalf("listed %q (identifier given: %v), want %q", seen, sawIdentifier, want)
	}
}

// AccessDenied and ExpiredToken (HTTP 403), and a SignatureDoesNotMatch
// message that quotes the canonical request, session token included.
func TestCommonErrors(t *testing.T) {
	f := Start(t, "AKID", "sekrit")
	f.AddZone("example.com", false)
	f.Deny("ListHostedZones")
	f.Expire("old-token")
	ctx := context.Background()
	_, err := client(f, "AKID", "sekrit").ListHostedZones(ctx, &awsr53.ListHostedZonesInput{})
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "AccessDenied" || !strings.Contains(ae.ErrorMessage(), "route53:ListHostedZones") {
		t.Fatalf("got %v", err)
	}
	withToken := func(secret, token string) *awsr53.Client {
		return awsr53.New(awsr53.Options{Region: "us-east-1", BaseEndpoint: aws.String(f.URL), RetryMaxAttempts: 1,
			Credentials: credentials.NewStaticCredentialsProvider("AKID", secret, token)})
	}
	_, err = withToken("sekrit", "old-token").ListHostedZonesByName(ctx, &awsr53.ListHostedZonesByNameInput{})
	if !errors.As(err, &ae) || ae.ErrorCode() != "ExpiredToken" {
		t.Fatalf("got %v", err)
	}
	_, err = withToken("wrong", "a-session-token").ListHostedZonesByName(ctx, &awsr53.ListHostedZonesByNameInput{})
	if !errors.As(err, &ae) || ae.ErrorCode() != "SignatureDoesNotMatch" || !strings.Contains(ae.ErrorMessage(), "x-amz-security-token:a-session-token") ||
		!strings.Contains(ae.ErrorMessage(), "The Canonical String for this request should have been") {
		t.Fatalf("got %v", err)
	}
}
