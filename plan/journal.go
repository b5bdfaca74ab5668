package plan

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Journal is an append-only JSON Lines file that records, before any
// write, the before and after RRset of each change, and after the write
// what the provider holds. Every line is fsynced before Apply goes on, so a
// crash or a failed write always leaves a journal that says which names may
// have been written. rollback reads it.
type Journal struct {
	Path string

	mu   sync.Mutex
	f    *os.File
	next int
}

// Entry kinds.
const (
	EntryBegin  = "begin"
	EntryIntent = "intent"
	EntryResult = "result"
)

// Result statuses.
const (
	StatusWritten   = "written"   // the provider holds the after RRset
	StatusOldKept   = "old-kept"  // the write failed; the provider still holds the before RRset
	StatusUnknown   = "unknown"   // the provider holds neither: see Holds
	StatusMismatch  = "mismatch"  // the write reported success but the provider holds something else
	StatusNotTried  = "not-tried" // refused before writing (drift)
	StatusUnchanged = "unchanged" // nothing to write
	StatusManual    = "manual"    // the user must paste the value
)

// Entry is one line of a journal.
type Entry struct {
	Kind     string    `json:"kind"`
	Time     time.Time `json:"time"`
	ID       int       `json:"id,omitempty"`
	Command  string    `json:"command,omitempty"`
	Provider string    `json:"provider,omitempty"`
	Profile  string    `json:"profile,omitempty"`
	Zone     string    `json:"zone,omitempty"`
	Name     string    `json:"name,omitempty"`
	Before   RRset     `json:"before,omitempty"`
	After    RRset     `json:"after,omitempty"`
	Status   string    `json:"status,omitempty"`
	Holds    RRset     `json:"holds,omitempty"`
	Error    string    `json:"error,omitempty"`
}

// DefaultJournalDir is where journals go when --journal is not given:
// $XDG_STATE_HOME/spfpatch, else ~/.local/state/spfpatch.
func DefaultJournalDir() (string, error) {
	if d := os.Getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "spfpatch"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", msgErr(err, "journal.no-home", err)
	}
	return filepath.Join(home, ".local", "state", "spfpatch"), nil
}

// NewJournalPath returns a fresh journal file name in dir.
func NewJournalPath(dir, command string) string {
	return filepath.Join(dir, fmt.Sprintf("%s-%s-%d.jsonl", command, time.Now().UTC().Format("20060102T150405Z"), os.Getpid()))
}

// CreateJournal creates (or appends to) the journal at path, with a begin line.
func CreateJournal(path, command, provider string) (*Journal, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, msgErr(err, "journal.error", err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, msgErr(err, "journal.error", err)
	}
	j := &Journal{Path: path, f: f}
	if err := j.write(Entry{Kind: EntryBegin, Command: command, Provider: provider}); err != nil {
		f.Close()
		return nil, err
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return j, nil
}

func (j *Journal) write(e Entry) error {
	e.Time = time.Now().UTC()
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if _, err := j.f.Write(append(b, '\n')); err != nil {
		return msgErr(err, "journal.file-error", j.Path, err)
	}
	if err := j.f.Sync(); err != nil {
		return msgErr(err, "journal.file-error", j.Path, err)
	}
	return nil
}

// Intent records a change about to be written and returns its id.
func (j *Journal) Intent(c *Change) (int, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.next++
	id := j.next
	return id, j.write(Entry{Kind: EntryIntent, ID: id, Provider: c.Provider, Profile: c.Profile, Zone: c.Zone, Name: c.Name, Before: c.Before, After: c.After})
}

// Result records what happened to intent id.
func (j *Journal) Result(id int, status string, holds RRset, err error) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	e := Entry{Kind: EntryResult, ID: id, Status: status, Holds: holds}
	if err != nil {
		e.Error = err.Error()
	}
	return j.write(e)
}

// Close closes the journal file.
func (j *Journal) Close() error {
	if j == nil || j.f == nil {
		return nil
	}
	return j.f.Close()
}

// JournalChange is one change found in a journal: its intent and, if it
// was recorded, its result.
type JournalChange struct {
	Intent Entry
	Result *Entry
}

// ReadJournal reads a journal and returns its changes in order. Its errors
// are *MsgError (see Localize). A missing
// result (a crash between intent and result) leaves Result nil.
func ReadJournal(path string) ([]JournalChange, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, msgErr(err, "journal.error", err)
	}
	defer f.Close()
	var out []JournalChange
	byID := map[string]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	line, begins := 0, 0
	for sc.Scan() {
		line++
		if len(sc.Bytes()) == 0 {
			continue
		}
		var e Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return nil, msgErr(nil, "journal.bad-line", path, line, err)
		}
		key := fmt.Sprintf("%d/%d", begins, e.ID)
		switch e.Kind {
		case EntryBegin:
			begins++
		case EntryIntent:
			byID[fmt.Sprintf("%d/%d", begins, e.ID)] = len(out)
			out = append(out, JournalChange{Intent: e})
		case EntryResult:
			i, ok := byID[key]
			if !ok {
				return nil, msgErr(nil, "journal.unknown-result", path, line, e.ID)
			}
			ee := e
			out[i].Result = &ee
		}
	}
	if err := sc.Err(); err != nil {
		return nil, msgErr(err, "journal.file-error", path, err)
	}
	if line == 0 {
		return nil, msgErr(nil, "journal.empty", path)
	}
	return out, nil
}
