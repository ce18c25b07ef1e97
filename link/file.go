package link

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/c3kit/c3kit/frame/record"
)

// ArchiveDelete as the telemetry archive folder deletes finished files.
const ArchiveDelete = "DELETE"

// File is COSMOS's File Interface. Telemetry files that appear in
// ReadFolder are read in ReadSize chunks (one record each, after skipping
// DiscardHeader bytes, pausing Throttle after each chunk), oldest name
// first, and once read to the end are moved to ArchiveFolder (or deleted
// with ArchiveDelete). Each record written becomes a new file in
// WriteFolder named like COSMOS's: UTC YYYY_MM_DD_HH_MM_SS_LABEL[_N]EXT.
//
// Unlike COSMOS, a file is read only once it is complete: with native
// notifications (inotify) when its writer closes it or it is moved in; when
// Polling, once its size and modification time held still for one poll
// interval. A file already there at start (or in a new sub-folder) is
// complete at its close event or once it held still for the poll interval.
type File struct {
	WriteFolder, ReadFolder, ArchiveFolder string // "" disables a direction
	ReadSize                               int
	Stored                                 bool
	Label, Extension                       string
	Polling                                bool
	PollInterval                           time.Duration
	Recursive                              bool
	Throttle                               time.Duration
	DiscardHeader                          int64
}

func (f *File) String() string {
	return fmt.Sprintf("file write %s read %s", orNil(f.WriteFolder), orNil(f.ReadFolder))
}

// Open checks the folders and starts watching the read folder.
func (f *File) Open(ctx context.Context, env *Env) (Conn, error) {
	for _, d := range []struct{ what, path string }{
		{"command write folder", f.WriteFolder},
		{"telemetry read folder", f.ReadFolder},
		{"telemetry archive folder", f.ArchiveFolder},
	} {
		if d.path == "" || d.path == ArchiveDelete && d.what == "telemetry archive folder" {
			continue
		}
		st, err := os.Stat(d.path)
		if err != nil || !st.IsDir() {
			return nil, permanent(fmt.Errorf("%s %s is not a folder", d.what, d.path))
		}
	}
	c := &fileConn{f: f, env: env, done: make(chan struct{}), failed: map[string]bool{}}
	if f.ReadFolder != "" {
		var err error
		if f.Polling {
			c.w = newPollWatcher(f.ReadFolder, f.Recursive, f.PollInterval, c.done)
		} else if c.w, err = newNotifyWatcher(f.ReadFolder, f.Recursive, f.PollInterval); err != nil {
			return nil, permanent(err)
		}
	}
	return c, nil
}

// watcher yields the complete files of the read folder.
type watcher interface {
	// ready blocks until at least one complete file is known (or the
	// watcher is closed: nil, nil) and returns them all, sorted by name.
	ready() ([]string, error)
	// forget drops a file from the ready set once it has been handled.
	forget(path string)
	close()
}

type fileConn struct {
	f         *File
	env       *Env
	w         watcher
	done      chan struct{}
	closeOnce sync.Once
	failed    map[string]bool // files that could not be read: skipped until restart
	writeMu   sync.Mutex
}

func (c *fileConn) ReadLoop() error {
	if c.w == nil {
		<-c.done
		return nil
	}
	for {
		files, err := c.w.ready()
		if err != nil {
			return err
		}
		if files == nil {
			return nil
		}
		for _, p := range files {
			if c.failed[p] {
				continue
			}
			stop, err := c.readFile(p)
			if stop {
				return nil
			}
			c.w.forget(p)
			if err != nil {
				c.failed[p] = true
				c.env.Notify("%v; file skipped", err)
				continue
			}
			if err := c.archive(p); err != nil {
				c.failed[p] = true
				c.env.Notify("%v", err)
			}
		}
	}
}

// readFile emits the file's chunks. stop reports that the pump stopped (or
// the link was closed) before the file was read to its end: it stays in
// the folder and is read again, whole, next time.
func (c *fileConn) readFile(path string) (stop bool, err error) {
	fh, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil // taken away before we got to it: nothing to do
	}
	if err != nil {
		return false, fmt.Errorf("reading %s: %w", path, err)
	}
	defer fh.Close()
	if c.f.DiscardHeader > 0 {
		if _, err := fh.Seek(c.f.DiscardHeader, io.SeekStart); err != nil {
			return false, fmt.Errorf("reading %s: %w", path, err)
		}
	}
	s := c.env.Sink
	size := c.f.ReadSize
	if size <= 0 || size > s.ReadSize() {
		size = s.ReadSize()
	}
	for {
		buf := s.Buffer()
		n, err := io.ReadFull(fh, buf[:size])
		if n > 0 {
			m := s.Meta("")
			if m != nil {
				m[record.KeyStored] = c.f.Stored
				m.Extra()[ExtraFile] = path
			}
			if s.Emit(m, buf[:n]) != nil {
				return true, nil
			}
		} else {
			s.Recycle(buf)
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("reading %s: %w", path, err)
		}
		if c.f.Throttle > 0 {
			select {
			case <-time.After(c.f.Throttle):
			case <-c.done:
				return true, nil
			}
		}
		select {
		case <-c.done:
			return true, nil
		default:
		}
	}
}

// archive moves a finished file into the archive folder (or deletes it).
// A name already in the archive is not overwritten: a suffix is added.
func (c *fileConn) archive(path string) error {
	if c.f.ArchiveFolder == ArchiveDelete {
		if err := os.Remove(path); err != nil {
			return fmt.Errorf("deleting %s: %w", path, err)
		}
		return nil
	}
	base := filepath.Base(path)
	dst := filepath.Join(c.f.ArchiveFolder, base)
	for i := 1; ; i++ {
		if _, err := os.Lstat(dst); errors.Is(err, os.ErrNotExist) {
			break
		}
		dst = filepath.Join(c.f.ArchiveFolder, base+"."+strconv.Itoa(i))
	}
	err := os.Rename(path, dst)
	if err != nil && isCrossDevice(err) {
		err = copyThenRemove(path, dst)
	}
	if err != nil {
		return fmt.Errorf("archiving %s: %w", path, err)
	}
	return nil
}

func copyThenRemove(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(dst)
		return err
	}
	if err := out.Close(); err != nil {
		os.Remove(dst)
		return err
	}
	return os.Remove(src)
}

// Write puts one record into a new file of the write folder.
func (c *fileConn) Write(_ record.Meta, data []byte) error {
	if c.f.WriteFolder == "" {
		return recordErrorf("the link is read-only (command write folder nil)")
	}
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	stamp := time.Now().UTC().Format("2006_01_02_15_04_05")
	for attempt := 0; ; attempt++ {
		name := CommandFileName(stamp, c.f.Label, attempt, c.f.Extension)
		fh, err := os.OpenFile(filepath.Join(c.f.WriteFolder, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return err
		}
		_, err = fh.Write(data)
		if cerr := fh.Close(); err == nil {
			err = cerr
		}
		return err
	}
}

// CommandFileName is COSMOS's timestamped file name: the stamp, the label
// and, from the second file in one second on, an attempt number, joined by
// underscores, then the extension.
func CommandFileName(stamp, label string, attempt int, ext string) string {
	name := stamp
	if label != "" {
		name += "_" + label
	}
	if attempt > 0 {
		name += "_" + strconv.Itoa(attempt)
	}
	return name + ext
}

func (c *fileConn) Close() error {
	c.closeOnce.Do(func() {
		close(c.done)
		if c.w != nil {
			c.w.close()
		}
	})
	return nil
}
