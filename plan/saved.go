package plan

import (
	"encoding/json"
	"os"
	"path/filepath"
	"time"

	"github.com/spfpatch/spfpatch/spfedit"
)

// SavedPlanVersion is the format version of saved plan files.
const SavedPlanVersion = 1

// SavedPlan is what `plan --out FILE` stores: per name, the provider, zone,
// the fingerprint of the live RRset the plan was made from and the desired
// RRset. `apply --plan FILE` applies a change only where the live RRset
// still has that fingerprint.
type SavedPlan struct {
	Version  int       `json:"version"`
	Created  time.Time `json:"created"`
	Provider string    `json:"provider"`
	Changes  []*Change `json:"changes"`
}

// Save writes the plan atomically to path (temp file, fsync, rename).
func Save(path, provider string, p *Plan) error {
	sp := SavedPlan{Version: SavedPlanVersion, Created: time.Now().UTC(), Provider: provider, Changes: p.Changes}
	b, err := json.MarshalIndent(sp, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".spfpatch-plan-*")
	if err != nil {
		return msgErr(err, "saved.save-failed", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return msgErr(err, "saved.save-failed", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return msgErr(err, "saved.save-failed", err)
	}
	if err := tmp.Close(); err != nil {
		return msgErr(err, "saved.save-failed", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return msgErr(err, "saved.save-failed", err)
	}
	return nil
}

// Load reads a saved plan. Its errors are *MsgError (see Localize).
func Load(path string) (*SavedPlan, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, msgErr(err, "saved.read-failed", err)
	}
	var sp SavedPlan
	if err := json.Unmarshal(b, &sp); err != nil {
		return nil, msgErr(nil, "saved.invalid", path, err)
	}
	if sp.Version != SavedPlanVersion {
		return nil, msgErr(nil, "saved.version", path, sp.Version, SavedPlanVersion)
	}
	for i, c := range sp.Changes {
		if c == nil {
			return nil, msgErr(nil, "saved.change-empty", path, i+1)
		}
		if c.Action.Pending() && (c.Zone == "" || c.Name == "" || len(c.After) == 0 || c.Fingerprint == "") {
			return nil, msgErr(nil, "saved.change-incomplete", path, i+1, c.Name)
		}
	}
	return &sp, nil
}

func splitForDisplay(s string) []string {
	if s == "" {
		return nil
	}
	return spfedit.Split(s)
}
