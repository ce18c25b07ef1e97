package link

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// DefaultPollInterval is how often POLLING scans the read folder.
const DefaultPollInterval = time.Second

func isCrossDevice(err error) bool { return errors.Is(err, syscall.EXDEV) }

// scanFiles lists the regular files of dir (and below, when recursive).
func scanFiles(dir string, recursive bool, visit func(path string, info fs.FileInfo)) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // vanished while we looked: not our business
		}
		if d.IsDir() {
			if p != dir && !recursive {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		if info, err := d.Info(); err == nil {
			visit(p, info)
		}
		return nil
	})
}

// readySet is the set of complete files not yet handled.
type readySet struct {
	mu    sync.Mutex
	files map[string]bool
	wake  chan struct{}
}

func newReadySet() *readySet {
	return &readySet{files: map[string]bool{}, wake: make(chan struct{}, 1)}
}

func (r *readySet) add(p string) {
	r.mu.Lock()
	r.files[p] = true
	r.mu.Unlock()
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

func (r *readySet) forget(p string) { r.mu.Lock(); delete(r.files, p); r.mu.Unlock() }

func (r *readySet) sorted() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.files) == 0 {
		return nil
	}
	out := make([]string, 0, len(r.files))
	for p := range r.files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// pollWatcher is POLLING: a file is complete once its size and modification
// time are the same on two scans in a row.
type pollWatcher struct {
	*readySet
	dir       string
	recursive bool
	every     time.Duration
	done      <-chan struct{}
	seen      map[string]fileStamp
}

type fileStamp struct {
	size  int64
	mtime time.Time
}

func newPollWatcher(dir string, recursive bool, every time.Duration, done <-chan struct{}) *pollWatcher {
	if every <= 0 {
		every = DefaultPollInterval
	}
	return &pollWatcher{readySet: newReadySet(), dir: dir, recursive: recursive, every: every, done: done, seen: map[string]fileStamp{}}
}

func (w *pollWatcher) ready() ([]string, error) {
	for {
		if err := w.scan(); err != nil {
			return nil, err
		}
		if files := w.sorted(); files != nil {
			return files, nil
		}
		select {
		case <-time.After(w.every):
		case <-w.done:
			return nil, nil
		}
	}
}

func (w *pollWatcher) scan() error {
	now := map[string]fileStamp{}
	err := scanFiles(w.dir, w.recursive, func(p string, info fs.FileInfo) {
		st := fileStamp{info.Size(), info.ModTime()}
		now[p] = st
		if prev, ok := w.seen[p]; ok && prev == st {
			w.add(p)
		}
	})
	if err != nil {
		return fmt.Errorf("scanning %s: %w", w.dir, err)
	}
	w.seen = now
	return nil
}

func (w *pollWatcher) close() {}

// notifyWatcher uses inotify: a file is complete when the process writing it
// closes it (IN_CLOSE_WRITE) or when it is moved into the folder
// (IN_MOVED_TO). A file already there at start may still be being written:
// it is complete at its close event or once its size and modification time
// held still for the settle interval, whichever comes first.
type notifyWatcher struct {
	*readySet
	settle    time.Duration
	pending   map[string]fileStamp // files found by a scan, not yet known complete
	f         *os.File             // the inotify descriptor; closing it ends ready()
	fd        int                  // the same, for inotify_add_watch (File.Fd would make it blocking)
	dir       string
	recursive bool
	mu        sync.Mutex
	dirs      map[int32]string // watch descriptor -> folder
	buf       []byte
}

const notifyMask = unix.IN_CLOSE_WRITE | unix.IN_MOVED_TO | unix.IN_CREATE

func newNotifyWatcher(dir string, recursive bool, settle time.Duration) (*notifyWatcher, error) {
	if settle <= 0 {
		settle = DefaultPollInterval
	}
	fd, err := unix.InotifyInit1(unix.IN_NONBLOCK | unix.IN_CLOEXEC)
	if err != nil {
		return nil, fmt.Errorf("inotify: %w (use POLLING)", err)
	}
	w := &notifyWatcher{readySet: newReadySet(), f: os.NewFile(uintptr(fd), "inotify"), fd: fd, dir: dir, recursive: recursive, dirs: map[int32]string{}, buf: make([]byte, 64<<10),
		settle: settle, pending: map[string]fileStamp{}}
	if err := w.watchTree(dir); err != nil {
		w.f.Close()
		return nil, err
	}
	return w, nil
}

// watchTree watches dir (and its sub-folders when recursive) and marks the
// files already there as ready. Watching comes first, so a file closed in
// between is seen either way.
func (w *notifyWatcher) watchTree(dir string) error {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p != dir && !w.recursive {
			return filepath.SkipDir
		}
		wd, err := unix.InotifyAddWatch(w.fd, p, notifyMask)
		if err != nil {
			return fmt.Errorf("watching %s: %w", p, err)
		}
		w.mu.Lock()
		w.dirs[int32(wd)] = p
		w.mu.Unlock()
		return nil
	})
	if err != nil {
		return err
	}
	return w.scanPending(dir)
}

// scanPending puts the files now under dir on the settle list.
func (w *notifyWatcher) scanPending(dir string) error {
	return scanFiles(dir, w.recursive, func(p string, info fs.FileInfo) {
		w.pending[p] = fileStamp{info.Size(), info.ModTime()}
	})
}

// settled moves the pending files that held still since the last look to
// the ready set.
func (w *notifyWatcher) settled() {
	for p, prev := range w.pending {
		info, err := os.Stat(p)
		switch {
		case err != nil:
			delete(w.pending, p)
		case prev == fileStamp{info.Size(), info.ModTime()}:
			delete(w.pending, p)
			w.add(p)
		default:
			w.pending[p] = fileStamp{info.Size(), info.ModTime()}
		}
	}
}

func (w *notifyWatcher) ready() ([]string, error) {
	for {
		if files := w.sorted(); files != nil {
			return files, nil
		}
		var deadline time.Time
		if len(w.pending) > 0 {
			deadline = time.Now().Add(w.settle)
		}
		if err := w.f.SetReadDeadline(deadline); err != nil {
			return nil, fmt.Errorf("inotify: %w", err)
		}
		n, err := w.f.Read(w.buf)
		if errors.Is(err, os.ErrDeadlineExceeded) {
			w.settled()
			continue
		}
		if err != nil {
			if errors.Is(err, os.ErrClosed) {
				return nil, nil
			}
			return nil, fmt.Errorf("inotify: %w", err)
		}
		err = ParseInotify(w.buf[:n], func(ev InotifyEvent) error {
			if ev.Mask&unix.IN_Q_OVERFLOW != 0 {
				// Events were lost: look at whatever is in the folder now.
				return w.scanPending(w.dir)
			}
			w.mu.Lock()
			dir, ok := w.dirs[ev.WD]
			w.mu.Unlock()
			if !ok || ev.Name == "" {
				return nil
			}
			p := filepath.Join(dir, ev.Name)
			switch {
			case ev.Mask&unix.IN_ISDIR != 0:
				if w.recursive && ev.Mask&(unix.IN_CREATE|unix.IN_MOVED_TO) != 0 {
					return w.watchTree(p)
				}
			case ev.Mask&(unix.IN_CLOSE_WRITE|unix.IN_MOVED_TO) != 0:
				delete(w.pending, p)
				w.add(p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
}

func (w *notifyWatcher) close() { w.f.Close() }

// InotifyEvent is one event read from an inotify descriptor.
type InotifyEvent struct {
	WD     int32
	Mask   uint32
	Cookie uint32
	Name   string
}

const inotifyHeader = 16 // wd, mask, cookie, len: four 32-bit words

// ParseInotify walks the events in b (what one read of an inotify
// descriptor returned: struct inotify_event records, each followed by a
// NUL-padded name). A record that runs past the end of b is an error.
func ParseInotify(b []byte, each func(InotifyEvent) error) error {
	for off := 0; off < len(b); {
		if len(b)-off < inotifyHeader {
			return fmt.Errorf("inotify: %d stray bytes at offset %d", len(b)-off, off)
		}
		h := b[off:]
		nameLen := int(binary.NativeEndian.Uint32(h[12:16]))
		if nameLen > len(b)-off-inotifyHeader {
			return fmt.Errorf("inotify: name of %d bytes at offset %d runs past the %d-byte read", nameLen, off, len(b))
		}
		name := h[inotifyHeader : inotifyHeader+nameLen]
		if i := bytes.IndexByte(name, 0); i >= 0 {
			name = name[:i]
		}
		ev := InotifyEvent{
			WD:     int32(binary.NativeEndian.Uint32(h[0:4])),
			Mask:   binary.NativeEndian.Uint32(h[4:8]),
			Cookie: binary.NativeEndian.Uint32(h[8:12]),
			Name:   string(name),
		}
		if err := each(ev); err != nil {
			return err
		}
		off += inotifyHeader + nameLen
	}
	return nil
}
