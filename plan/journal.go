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
//     the disk with the fsync of the next intents written (group commit),
//     or at Flush and Close.
//  3. The zonefile provider does not sync a zone file's directory after
//     each rename, but once for the whole run, at its end (plan.Apply calls
//     SyncWrites, then flushes the journal). So until then, a result
//     "written" that rode on a later intent's fsync may be on disk while
//     the rename it reports is not yet: a crash of the system (not of the
//     process) in between can leave a zone file entirely old under a
//     result "written". That is harmless: rollback never trusts a result,
//     it reads the live record (already old: nothing to undo), and a rerun
//     writes the name again.
//
// So a crash at any point leaves a complete intent line for every change
// that may have been written; a lost, cut or early result only means that
// rollback reads the live record to see whether the change was made. Lines
// are appended whole under an advisory lock (flock), so several processes
// may share one journal; each line carries its run's id. A line cut by a
// crash is ended before the next lines are appended, and LoadJournal
// reports it and uses every complete line.
type Journal struct {
	Path string

	run  string // this run's id
	f    *os.File
	lock func(*os.File) (func(), error)

	mu       sync.Mutex
	cond     *sync.Cond
	buf      []byte // lines not yet written
	spare    []byte // the array of the lines written last, reused
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
// line. A new file is created (O_EXCL, mode 0600; a new directory's
// parents are synced so it survives a crash); an existing one is appended
// to only if it is an spfpatch journal. That is checked under the file's
// lock, as the begin line is written: a file another run has just created
// is empty until its own begin line is in, and an empty file (one left by a
// crash at that moment) is taken as being created. A symbolic link, or
// anything but a regular file, is refused.
func CreateJournal(path, command, provider string) (*Journal, error) {
	dir := filepath.Dir(path)
	if err := mkdirAllSynced(dir); err != nil {
		return nil, msgErr(err, "journal.error", err)
	}
	sweepOwnTemps(path)
	f, created, err := openPrivate(path, true)
	if err != nil {
		return nil, err
	}
	j := &Journal{Path: path, f: f, run: newRunID(), lock: lockFile}
	j.cond = sync.NewCond(&j.mu)
	b, err := j.line(Entry{Kind: EntryBegin, Format: JournalFormat, Command: command, Provider: provider})
	if err == nil {
		err = j.writeLocked(b, true)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	if created {
		syncDir(dir)
	}
	return j, nil
}

// isJournalHead reports whether the first line of a file (or all of it,
// when it has no newline yet) is a journal's begin line, or the start of
// one that a crash cut.
func isJournalHead(head []byte) bool {
	line, whole := head, false
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line, whole = line[:i], true
	}
	var e Entry
	if json.Unmarshal(line, &e) == nil {
		return e.Kind == EntryBegin
	}
	return !whole && bytes.HasPrefix(line, []byte(`{"kind":"begin",`))
}

// line marshals one entry of this run as a line.
func (j *Journal) line(e Entry) ([]byte, error) {
	e.Time = time.Now().UTC()
	e.Run = j.run
	b, err := e.appendJSON(make([]byte, 0, 1024))
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// append adds one line. durable: return only once it is on disk (fsynced),
// together with every line appended before it.
func (j *Journal) append(e Entry, durable bool) error {
	b, err := j.line(e)
	if err != nil {
		return err
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.err != nil {
		return j.err
	}
	j.buf = append(j.buf, b...)
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
		j.buf = j.spare[:0]
		j.mu.Unlock()
		err := j.writeSync(buf)
		j.mu.Lock()
		j.flushing = false
		j.spare = buf // written: its array takes the lines after the next
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
func (j *Journal) writeSync(buf []byte) error { return j.writeLocked(buf, false) }

// writeLocked appends whole lines under the file's advisory lock and
// fsyncs. A file that does not end in a newline (its last line was cut by
// a crash) gets one first, so the lines appended stay lines of their own;
// a failed write is cut back to where it started. With head, the file must
// be empty or a journal (isJournalHead), checked under the same lock.
func (j *Journal) writeLocked(buf []byte, head bool) error {
	if len(buf) == 0 {
		return nil
	}
	unlock, err := j.lock(j.f)
	if err != nil {
		return msgErr(err, "journal.file-error", j.Path, err)
	}
	defer unlock()
	fi, err := j.f.Stat()
	if err != nil {
		return msgErr(err, "journal.file-error", j.Path, err)
	}
	size := fi.Size()
	if head && size > 0 {
		h := make([]byte, min(size, 64<<10))
		if n, err := j.f.ReadAt(h, 0); (err != nil && !errors.Is(err, io.EOF)) || !isJournalHead(h[:n]) {
			return msgErr(nil, "journal.not-journal", j.Path)
		}
	}
	if size > 0 {
		var last [1]byte
		if _, err := j.f.ReadAt(last[:], size-1); err != nil {
			return msgErr(err, "journal.file-error", j.Path, err)
		}
		if last[0] != '\n' {
			buf = append([]byte{'\n'}, buf...)
		}
	}
	if _, err := j.f.Write(buf); err != nil {
		_ = j.f.Truncate(size)
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
		Before: before, After: after, Inputs: journalInputs(c)}, false)
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

// journalInputs are the inputs an intent records: a change's own, or, for
// a rollback, those of the entry it restores the other way (chain.go), so
// that undoing the rollback is checked as strictly as the rollback was.
func journalInputs(c *Change) *Inputs {
	if c.Rollback {
		if c.Restore == nil {
			return nil
		}
		return inverted(c.Restore.Inputs)
	}
	return c.Inputs
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

// CutLine describes a line that was cut short (a crash while it was being
// written): its line number and, as far as it can be read, its kind, name
// and run.
type CutLine struct {
	Line int
	Kind string
	Name string
	Run  string
}

// JournalContents is what LoadJournal finds in a journal.
type JournalContents struct {
	Changes []JournalChange
	// Cuts are the lines that were cut short, in order (none, usually).
	// Every complete line is in Changes.
	Cuts []CutLine
	// Lines is the number of lines read.
	Lines int
}

// ReadJournal reads a journal and returns its changes in order (cut lines
// are left out; see LoadJournal). Its errors are *MsgError.
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
	cutRun  = regexp.MustCompile(`"run":"([0-9a-f]+)"`)
	// beginAt is how a begin line starts (Entry's first field): a cut line
	// that a run before this fix wrote its begin line right after, on the
	// same line, is split there.
	beginAt = []byte(`{"kind":"begin",`)
)

// maxJournalLine bounds one line of a journal.
const maxJournalLine = 16 << 20

// cutLine describes the cut line text at line n.
func cutLine(text []byte, n int) CutLine {
	cut := CutLine{Line: n}
	if m := cutKind.FindSubmatch(text); m != nil {
		cut.Kind = string(m[1])
	}
	if m := cutRun.FindSubmatch(text); m != nil {
		cut.Run = string(m[1])
	}
	if m := cutName.FindSubmatch(text); m != nil {
		var s string
		if json.Unmarshal(append(append([]byte{'"'}, m[1]...), '"'), &s) == nil {
			cut.Name = s
		}
	}
	return cut
}

// follows reports whether a line of kind and run may come after the cut
// line cut: it starts a run (a run appended to the journal after the one
// that crashed), or belongs to another run than the cut one (runs sharing
// the journal). A line of the cut one's own run after it means the file
// was damaged, not cut by a crash.
func (cut CutLine) follows(kind, run string) bool {
	return kind == EntryBegin || (cut.Run != "" && run != "" && run != cut.Run)
}

// LoadJournal reads a journal: its changes in order and the lines a crash
// cut short (at the end, or followed by the lines of a later run or of
// another run sharing the journal), each with what it was about as far as
// it can be read. A missing result (a crash between intent and result)
// leaves Result nil. Any other line that is not JSON is an error. Its
// errors are *MsgError.
func LoadJournal(path string) (*JournalContents, error) {
	f, err := openReadNoFollow(path)
	if err != nil {
		return nil, msgErr(err, "journal.error", err)
	}
	defer f.Close()
	out := &JournalContents{}
	byKey := map[string]int{}
	r := bufio.NewReaderSize(f, 1<<16)
	line, begins, entries := 0, 0, 0
	var pending *CutLine // the last cut line, until a line follows it
	take := func(e Entry) error {
		if pending != nil {
			if !pending.follows(e.Kind, e.Run) {
				return msgErr(nil, "journal.bad-line", path, pending.Line, errNotJSON)
			}
			pending = nil
		}
		entries++
		if entries == 1 && e.Kind != EntryBegin {
			return msgErr(nil, "journal.not-journal", path)
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
				return msgErr(nil, "journal.unknown-result", path, line, e.ID)
			}
			ee := e
			out.Changes[i].Result = &ee
		}
		return nil
	}
	cutAt := func(text []byte) error {
		cut := cutLine(text, line)
		if line == 1 {
			return msgErr(nil, "journal.not-journal", path)
		}
		if pending != nil && !pending.follows(cut.Kind, cut.Run) {
			return msgErr(nil, "journal.bad-line", path, pending.Line, errNotJSON)
		}
		out.Cuts = append(out.Cuts, cut)
		pending = &out.Cuts[len(out.Cuts)-1]
		return nil
	}
	for {
		raw, rerr := readLine(r, maxJournalLine)
		if rerr == errLineTooLong {
			return nil, msgErr(nil, "journal.bad-line", path, line+1, rerr)
		}
		if len(raw) > 0 {
			line++
			text := bytes.TrimRight(raw, "\r\n")
			if len(bytes.Trim(text, "\x00 \t")) > 0 {
				var e Entry
				err := json.Unmarshal(text, &e)
				if err != nil {
					// A cut line with the next run's begin line after it
					// on the same line (journals written before every
					// append ended a cut line first): two lines.
					if i := bytes.LastIndex(text, beginAt); i > 0 && json.Unmarshal(text[i:], &e) == nil {
						if err := cutAt(text[:i]); err != nil {
							return nil, err
						}
						err = nil
					} else if err := cutAt(text); err != nil {
						return nil, err
					}
				}
				if err == nil {
					if err := take(e); err != nil {
						return nil, err
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
	out.Lines = line
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
