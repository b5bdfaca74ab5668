package plan

import (
	"errors"
	"testing"
)

func TestParseTarget(t *testing.T) {
	tests := []struct {
		in, domain, sender string
		err                error
	}{
		{"shop.example.com", "shop.example.com", "", nil},
		{"Shop.Example.COM.", "shop.example.com", "", nil},
		{"info@shop.example.com", "shop.example.com", "info@shop.example.com", nil},
		{"  info@Shop.Example.com ", "shop.example.com", "info@Shop.Example.com", nil},
		{"例え.jp", "xn--r8jz45g.jp", "", nil},
		{"注文@例え.jp", "xn--r8jz45g.jp", "注文@例え.jp", nil},
		{"shop@gmail.com", "gmail.com", "shop@gmail.com", ErrFreeMail},
		{"yahoo.co.jp", "yahoo.co.jp", "", ErrFreeMail},
		{"ICLOUD.COM.", "icloud.com", "", ErrFreeMail},
		{"", "", "", ErrBadTarget},
		{"@shop.example.com", "", "", ErrBadTarget},
		{"info@", "", "", ErrBadTarget},
		{"localhost", "", "", ErrBadTarget},
		{"https://shop.example.com/", "", "", ErrBadTarget},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseTarget(tc.in)
			if !errors.Is(err, tc.err) {
				t.Fatalf("err = %v, want %v", err, tc.err)
			}
			if tc.err == nil && (got.Domain != tc.domain || got.Sender != tc.sender) {
				t.Fatalf("got %+v", got)
			}
			if tc.err == ErrFreeMail && got.Domain != tc.domain {
				t.Fatalf("free-mail domain %q", got.Domain)
			}
		})
	}
}
