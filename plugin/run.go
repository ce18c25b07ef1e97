package plugin

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
)

// StageError says which stage of a run failed and how.
type StageError struct {
	Index int // 0-based
	Stage Stage
	Code  int // exit status; 1 when killed by a signal
	Err   error
}

func (e *StageError) Error() string {
	return fmt.Sprintf("stage %d (%s) %v", e.Index+1, strings.Join(e.Stage[:min(2, len(e.Stage))], " "), e.Err)
}

// RunConfig wires a run to the outside.
type RunConfig struct {
	// Bin finds a stage's binary (c3link, c3frame, ...).
	Bin    func(name string) (string, error)
	Stdin  io.Reader // the first stage's input (ignored for a loop)
	Stdout io.Writer // the last stage's output (ignored for a loop)
	Stderr io.Writer // every stage's diagnostics
	Dir    string    // working folder of the stages ("" = ours)
	// Signals are passed on: first to the c3link stages, which write what
	// is queued and exit cleanly (their neighbours then see end of input);
	// once those have exited, to the stages still running (c3encode
	// waiting on a terminal). A stage ended by a signal passed on this way
	// has not failed.
	Signals <-chan os.Signal
}

// Run runs the stages as processes wired with pipes, as a shell would run
// the pipeline Format prints, and waits for all of them. The first stage
// that exits non-zero is the error (a *StageError).
func (pl *Pipeline) Run(ctx context.Context, rc RunConfig) error {
	return runStages(ctx, pl.Stages, pl.Loop, rc)
}

func runStages(ctx context.Context, stages []Stage, loop bool, rc RunConfig) error {
	if len(stages) == 0 {
		return errors.New("no stages")
	}
	cmds := make([]*exec.Cmd, len(stages))
	var parentEnds []*os.File // closed once the children hold them
	defer func() {
		for _, f := range parentEnds {
			f.Close()
		}
	}()
	for i, st := range stages {
		path, err := rc.Bin(st[0])
		if err != nil {
			return &StageError{Index: i, Stage: st, Code: 1, Err: err}
		}
		args, env := hideKey(st)
		c := exec.CommandContext(ctx, path, args...)
		c.Args[0] = st[0]
		if env != nil {
			c.Env = append(os.Environ(), env...)
		}
		c.Stderr, c.Dir = rc.Stderr, rc.Dir
		cmds[i] = c
	}
	for i := 0; i+1 < len(cmds); i++ {
		r, w, err := os.Pipe()
		if err != nil {
			return err
		}
		parentEnds = append(parentEnds, r, w)
		cmds[i].Stdout, cmds[i+1].Stdin = w, r
	}
	if loop {
		r, w, err := os.Pipe()
		if err != nil {
			return err
		}
		parentEnds = append(parentEnds, r, w)
		cmds[len(cmds)-1].Stdout, cmds[0].Stdin = w, r
	} else {
		cmds[0].Stdin, cmds[len(cmds)-1].Stdout = rc.Stdin, rc.Stdout
	}
	for i, c := range cmds {
		if err := c.Start(); err != nil {
			for _, started := range cmds[:i] {
				started.Process.Kill()
				started.Wait()
			}
			return &StageError{Index: i, Stage: stages[i], Code: 1, Err: err}
		}
	}
	// The children hold their ends now; ours would keep pipes open.
	for _, f := range parentEnds {
		f.Close()
	}
	parentEnds = nil
	return waitStages(stages, cmds, rc.Signals)
}

type stageExit struct {
	i   int
	err error
}

func waitStages(stages []Stage, cmds []*exec.Cmd, signals <-chan os.Signal) error {
	done := make(chan stageExit, len(cmds))
	for i, c := range cmds {
		go func(i int, c *exec.Cmd) { done <- stageExit{i, c.Wait()} }(i, c)
	}
	exited := make([]bool, len(cmds))
	signalled := make([]bool, len(cmds))
	var pending os.Signal // passed to the c3link stages, not yet to the rest
	links := 0
	for _, st := range stages {
		if st[0] == "c3link" {
			links++
		}
	}
	send := func(s os.Signal, links bool) {
		for i, c := range cmds {
			if !exited[i] && (stages[i][0] == "c3link") == links {
				signalled[i] = true
				c.Process.Signal(s)
			}
		}
	}
	var first *StageError
	for n := 0; n < len(cmds); {
		select {
		case s := <-signals:
			if links == 0 {
				send(s, false)
			} else {
				pending = s
				send(s, true)
			}
		case e := <-done:
			n++
			exited[e.i] = true
			if stages[e.i][0] == "c3link" {
				links--
				if links == 0 && pending != nil {
					send(pending, false)
				}
			}
			if se := stageFailure(stages, e, signalled[e.i]); se != nil && (first == nil || se.Index < first.Index) {
				first = se
			}
		}
	}
	if first != nil {
		return first
	}
	return nil
}

// stageFailure is the error of a stage that exited non-zero, or nil.
func stageFailure(stages []Stage, e stageExit, signalled bool) *StageError {
	if e.err == nil {
		return nil
	}
	se := &StageError{Index: e.i, Stage: stages[e.i], Code: 1, Err: e.err}
	var ee *exec.ExitError
	if errors.As(e.err, &ee) {
		if ee.ExitCode() > 0 {
			se.Code = ee.ExitCode()
			se.Err = fmt.Errorf("exited %d", se.Code)
		} else if signalled {
			return nil // ended by the signal we passed on
		}
	}
	return se
}
