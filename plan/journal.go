package plan

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"time"
)

// Journal is an append-only JSON Lines file that records, before any
// write, the before and after RRset of each change, and after the write
// what the provider holds. rollback reads it.
//
// Crash safety: the fsync order of one change.
//  1. Its intent line is appended, then written and fsynced before the
//     change can be seen: before the provider is called, or, for a
//     provider that makes a write visible in one step (the zonefile
//     provider's rename, plan.CommitBarrierer), at the latest just before
//     that step: the zonefile provider writes the new zone file, fsyncs it
//     while the journal is fsynced, and renames it over the old one only
//     once both are on disk. The intents of changes in flight at the same
//     time share one write and one fsync (group commit).
//  2. Its result line is appended without an fsync of its own: it reaches
//     the disk with the next group's fsync, or at Flush and Close.
//  3. At the end of a run, plan.Apply syncs what the stores left to one
//     call (the zone files' directories: the renames) and only then flushes
//     the journal, so a result "written" is never on disk before its write.
//
// So a crash at any point leaves a complete intent line for every change
// that may have been written; a lost or cut result only means that rollback
// reads the live record to see whether the change was made, and a rename
// lost with the directory's sync leaves a zone file entirely old, as its
// intent without a result allows. Lines are appended whole under an
// advisory lock (flock), so several processes may share one journal; each
// line carries its run's id.
type Journal struct {
	Path string

	run  string // this run's id
	f    *os.File
	lock func(*os.File) (func(), error)

	mu       sync.Mutex
	cond     *sync.Cond
	buf      []byte // lines not yet written
	seq      uint64 // lines appended
	synced   uint64 // lines written and fsynced
	flushing bool
	err      error // the first write error: every later write fails
	next     int
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

// JournalFormat is the format version written on begin lines.
const JournalFormat = 2

// Entry is one line of a journal.
type Entry struct {
	Kind     string    `json:"kind"`
	Time     time.Time `json:"time"`
	Run      string    `json:"run,omitempty"`
	Format   int       `json:"format,omitempty"`
	ID       int       `json:"id,omitempty"`
	Command  string    `json:"command,omitempty"`
	Provider string    `json:"provider,omitempty"`
	Profile  string    `json:"profile,omitempty"`
	Zone     string    `json:"zone,omitempty"`
	Name     string    `json:"name,omitempty"`
	Before   RRset     `json:"before,omitempty"`
	After    RRset     `json:"after,omitempty"`
	Inputs   *Inputs   `json:"inputs,omitempty"`
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

// newRunID returns a random id for the lines of one run.
func newRunID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// CreateJournal opens the journal at path for this run and writes its begin
// line. A new file is created (O_EXCL, mode 0600); an existing one is
// appended to only if it is an spfpatch journal. A symbolic link, or
// anything but a regular file, is refused.
func CreateJournal(path, command, provider string) (*Journal, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, msgErr(err, "journal.error", err)
	}
	f, created, err := openPrivate(path, true)
	if err != nil {
		return nil, err
	}
	if !created {
		if err := checkJournalHead(f, path); err != nil {
			f.Close()
			return nil, err
		}
	}
	j := &Journal{Path: path, f: f, run: newRunID(), lock: lockFile}
	j.cond = sync.NewCond(&j.mu)
	if err := j.append(Entry{Kind: EntryBegin, Format: JournalFormat, Command: command, Provider: provider}, true); err != nil {
		f.Close()
		return nil, err
	}
	if created {
		syncDir(filepath.Dir(path))
	}
	return j, nil
}

// checkJournalHead reads the first line of an existing file and refuses it
// unless it is a journal's begin line.
func checkJournalHead(f *os.File, path string) error {
	head := make([]byte, 64<<10)
	n, err := f.ReadAt(head, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return msgErr(err, "journal.file-error", path, err)
	}
	line := head[:n]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	var e Entry
	if json.Unmarshal(line, &e) != nil || e.Kind != EntryBegin {
		return msgErr(nil, "journal.not-journal", path)
	}
	return nil
}

// append adds one line. durable: return only once it is on disk (fsynced),
// together with every line appended before it.
func (j *Journal) append(e Entry, durable bool) error {
	e.Time = time.Now().UTC()
	e.Run = j.run
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.err != nil {
		return j.err
	}
	j.buf = append(append(j.buf, b...), '\n')
	j.seq++
	if !durable {
		return nil
	}
	return j.flushLocked(j.seq)
}

// flushLocked returns once the lines up to upto are written and fsynced.
// One goroutine at a time writes and fsyncs all the lines appended so far;
// the others wait for it (group commit). Caller holds j.mu.
func (j *Journal) flushLocked(upto uint64) error {
	for j.synced < upto {
		if j.err != nil {
			return j.err
		}
		if j.flushing {
			j.cond.Wait()
			continue
		}
		j.flushing = true
		buf, last := j.buf, j.seq
		j.buf = nil
		j.mu.Unlock()
		err := j.writeSync(buf)
		j.mu.Lock()
		j.flushing = false
		if err != nil {
			j.err = err
		} else {
			j.synced = last
		}
		j.cond.Broadcast()
	}
	return j.err
}

// writeSync appends whole lines under the file's advisory lock and fsyncs.
func (j *Journal) writeSync(buf []byte) error {
	if len(buf) == 0 {
		return nil
	}
	unlock, err := j.lock(j.f)
	if err != nil {
		return msgErr(err, "journal.file-error", j.Path, err)
	}
	defer unlock()
	if _, err := j.f.Write(buf); err != nil {
		return msgErr(err, "journal.file-error", j.Path, err)
	}
	if err := j.f.Sync(); err != nil {
		return msgErr(err, "journal.file-error", j.Path, err)
	}
	return nil
}

// Intent records a change about to be written (the RRset live under the
// lock and the one to write) and returns its id once it is on disk.
func (j *Journal) Intent(c *Change, before, after RRset) (int, error) {
	id, durable, err := j.IntentLater(c, before, after)
	if err != nil {
		return id, err
	}
	return id, durable()
}

// IntentLater appends the intent of a change and returns its id and the
// function that puts it on disk (with every line before it), which must
// return before the change can be seen.
func (j *Journal) IntentLater(c *Change, before, after RRset) (int, func() error, error) {
	j.mu.Lock()
	j.next++
	id := j.next
	j.mu.Unlock()
	err := j.append(Entry{Kind: EntryIntent, ID: id, Provider: c.Provider, Profile: c.Profile, Zone: c.Zone, Name: c.Name,
		Before: before, After: after, Inputs: c.Inputs}, false)
	if err != nil {
		return id, nil, err
	}
	j.mu.Lock()
	upto := j.seq
	j.mu.Unlock()
	return id, func() error {
		j.mu.Lock()
		defer j.mu.Unlock()
		return j.flushLocked(upto)
	}, nil
}

// Result records what happened to intent id. It is written with the next
// group of intents, or at Flush or Close.
func (j *Journal) Result(id int, status string, holds RRset, err error) error {
	e := Entry{Kind: EntryResult, ID: id, Status: status, Holds: holds}
	if err != nil {
		e.Error = err.Error()
	}
	return j.append(e, false)
}

// Flush writes and fsyncs every line appended so far.
func (j *Journal) Flush() error {
	if j == nil || j.f == nil {
		return nil
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.flushLocked(j.seq)
}

// Close flushes the journal and closes its file.
func (j *Journal) Close() error {
	if j == nil || j.f == nil {
		return nil
	}
	err := j.Flush()
	if cerr := j.f.Close(); err == nil {
		err = cerr
	}
	j.f = nil
	return err
}

// JournalChange is one change found in a journal: its intent and, if it
// was recorded, its result.
type JournalChange struct {
	Intent Entry
	Result *Entry
}

// CutLine describes a last line that was cut short (a crash while it was
// being written): its line number and, as far as it can be read, its kind
// and name.
type CutLine struct {
	Line int
	Kind string
	Name string
}

// JournalContents is what LoadJournal finds in a journal.
type JournalContents struct {
	Changes []JournalChange
	// Cut is the last line when it was cut short, else nil. Every complete
	// line before it is in Changes.
	Cut *CutLine
}

// ReadJournal reads a journal and returns its changes in order (a cut last
// line is left out; see LoadJournal). Its errors are *MsgError.
func ReadJournal(path string) ([]JournalChange, error) {
	jc, err := LoadJournal(path)
	if err != nil {
		return nil, err
	}
	return jc.Changes, nil
}

var (
	cutKind = regexp.MustCompile(`"kind":"([a-z]+)"`)
	cutName = regexp.MustCompile(`"name":"((?:[^"\\]|\\.)*)"`)
)

// maxJournalLine bounds one line of a journal.
const maxJournalLine = 16 << 20

// LoadJournal reads a journal: its changes in order and, when its last line
// was cut short by a crash, what that line was about. A missing result (a
// crash between intent and result) leaves Result nil. A line that is not
// JSON anywhere but at the end is an error. Its errors are *MsgError.
func LoadJournal(path string) (*JournalContents, error) {
	f, err := openReadNoFollow(path)
	if err != nil {
		return nil, msgErr(err, "journal.error", err)
	}
	defer f.Close()
	out := &JournalContents{}
	byKey := map[string]int{}
	r := bufio.NewReaderSize(f, 1<<16)
	line, begins, badLine := 0, 0, 0
	var bad []byte
	for {
		raw, rerr := readLine(r, maxJournalLine)
		if rerr == errLineTooLong {
			return nil, msgErr(nil, "journal.bad-line", path, line+1, rerr)
		}
		if len(raw) > 0 {
			line++
			if bad != nil {
				// A bad line followed by another one: not a cut last line.
				return nil, msgErr(nil, "journal.bad-line", path, badLine, errNotJSON)
			}
			text := bytes.TrimRight(raw, "\r\n")
			if len(bytes.Trim(text, "\x00 \t")) > 0 {
				var e Entry
				if err := json.Unmarshal(text, &e); err != nil {
					bad, badLine = append([]byte(nil), text...), line
				} else {
					if line == 1 && e.Kind != EntryBegin {
						return nil, msgErr(nil, "journal.not-journal", path)
					}
					run := e.Run
					if run == "" {
						run = "#" + strconv.Itoa(begins)
					}
					key := run + "/" + strconv.Itoa(e.ID)
					switch e.Kind {
					case EntryBegin:
						begins++
					case EntryIntent:
						byKey[key] = len(out.Changes)
						out.Changes = append(out.Changes, JournalChange{Intent: e})
					case EntryResult:
						i, ok := byKey[key]
						if !ok {
							return nil, msgErr(nil, "journal.unknown-result", path, line, e.ID)
						}
						ee := e
						out.Changes[i].Result = &ee
					}
				}
			}
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return nil, msgErr(rerr, "journal.file-error", path, rerr)
		}
	}
	if line == 0 {
		return nil, msgErr(nil, "journal.empty", path)
	}
	if bad != nil {
		if badLine == 1 {
			return nil, msgErr(nil, "journal.not-journal", path)
		}
		cut := &CutLine{Line: badLine}
		if m := cutKind.FindSubmatch(bad); m != nil {
			cut.Kind = string(m[1])
		}
		if m := cutName.FindSubmatch(bad); m != nil {
			var s string
			if json.Unmarshal(append(append([]byte{'"'}, m[1]...), '"'), &s) == nil {
				cut.Name = s
			}
		}
		out.Cut = cut
	}
	return out, nil
}

var (
	errLineTooLong = errors.New("line too long")
	errNotJSON     = errors.New("not a JSON line")
)

// readLine reads up to and including the next newline, at most max bytes.
func readLine(r *bufio.Reader, max int) ([]byte, error) {
	var out []byte
	for {
		chunk, err := r.ReadSlice('\n')
		out = append(out, chunk...)
		if len(out) > max {
			return nil, errLineTooLong
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return out, err
	}
}

// syncDir fsyncs a directory so a new entry in it survives a crash; some
// systems cannot, which is ignored.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
