package plan

import (
	"encoding/json"
	"io"
	"time"

	"github.com/spfpatch/spfpatch/spfedit"
)

// SavedPlanVersion is the format version of saved plan files. Version 2
// records each change's inputs (includes, removes, create) and the strings
// of each TXT record; version 1 files are refused (plan again).
const SavedPlanVersion = 2

// SavedPlan is what `plan --out FILE` stores: per name, the provider, zone,
// the fingerprint of the live RRset the plan was made from, the inputs and
// the desired RRset. `apply --plan FILE` applies a change only where the
// live RRset still has that fingerprint, and only the RRset its inputs make
// of the live one (see guard.go): a file edited by hand is refused.
type SavedPlan struct {
	Version  int       `json:"version"`
	Created  time.Time `json:"created"`
	Provider string    `json:"provider"`
	Changes  []*Change `json:"changes"`
}

// savedPlanHead is how every saved plan file starts (json.MarshalIndent of
// SavedPlan): an existing file is replaced only when it starts so.
const savedPlanHead = "{\n  \"version\": "

// Save writes the plan to path: a new file (mode 0600), or the atomic
// replacement of an earlier saved plan; any other existing file, a
// symbolic link or a non-regular file is refused.
func Save(path, provider string, p *Plan) error {
	sp := SavedPlan{Version: SavedPlanVersion, Created: time.Now().UTC(), Provider: provider, Changes: p.Changes}
	b, err := json.MarshalIndent(sp, "", "  ")
	if err != nil {
		return err
	}
	if err := WriteOwnFile(path, append(b, '\n'), "saved plan", HasPrefix(savedPlanHead)); err != nil {
		return msgErr(err, "saved.save-failed", err)
	}
	return nil
}

// maxSavedPlan bounds the size of a saved plan file read.
const maxSavedPlan = 1 << 30

// Load reads a saved plan. Its errors are *MsgError (see Localize).
func Load(path string) (*SavedPlan, error) {
	f, err := openReadNoFollow(path)
	if err != nil {
		return nil, msgErr(err, "saved.read-failed", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxSavedPlan+1))
	if err != nil {
		return nil, msgErr(err, "saved.read-failed", err)
	}
	if len(b) > maxSavedPlan {
		return nil, msgErr(nil, "saved.too-big", path, maxSavedPlan>>20)
	}
	var head struct {
		Version int `json:"version"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		return nil, msgErr(nil, "saved.invalid", path, err)
	}
	if head.Version != SavedPlanVersion {
		return nil, msgErr(nil, "saved.version", path, head.Version, SavedPlanVersion)
	}
	var sp SavedPlan
	if err := json.Unmarshal(b, &sp); err != nil {
		return nil, msgErr(nil, "saved.invalid", path, err)
	}
	for i, c := range sp.Changes {
		if c == nil {
			return nil, msgErr(nil, "saved.change-empty", path, i+1)
		}
		if c.Action.Pending() && (c.Zone == "" || c.Name == "" || len(c.After) == 0 || c.Fingerprint == "" || c.Inputs == nil) {
			return nil, msgErr(nil, "saved.change-incomplete", path, i+1, c.Name)
		}
		c.FromFile = true
		c.Rollback, c.Restore = false, nil // a saved plan never restores a journal
	}
	return &sp, nil
}

func splitForDisplay(s string) []string {
	if s == "" {
		return nil
	}
	return spfedit.Split(s)
}
