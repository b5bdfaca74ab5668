package dnstest

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/goccy/go-yaml"
)

// SuiteCase is one test of the public RFC 7208 / RFC 4408 conformance
// suites (spfcheck/testdata/*-tests.yml): check_host() for Host, MailFrom
// and Helo gives Result (a string or a list of acceptable ones).
type SuiteCase struct {
	Description string `yaml:"description"`
	Helo        string `yaml:"helo"`
	Host        string `yaml:"host"`
	MailFrom    string `yaml:"mailfrom"`
	Result      any    `yaml:"result"`
	Explanation string `yaml:"explanation"`
}

// SuiteScenario is one document of a suite: its tests and the zone data
// they run against (name -> entries such as {"TXT": ...}, "TIMEOUT").
type SuiteScenario struct {
	Description string               `yaml:"description"`
	Tests       map[string]SuiteCase `yaml:"tests"`
	ZoneData    map[string][]any     `yaml:"zonedata"`
}

// LoadSuite reads the scenarios of a suite file (a YAML stream), leaving
// out documents without tests.
func LoadSuite(path string) ([]SuiteScenario, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dec := yaml.NewDecoder(f)
	var out []SuiteScenario
	for {
		var s SuiteScenario
		err := dec.Decode(&s)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		if s.Tests != nil {
			out = append(out, s)
		}
	}
}
