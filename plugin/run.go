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
	// Started is called with the processes once all have started, so the
	// caller can pass signals on.
	Started func([]*os.Process)
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
		c := exec.CommandContext(ctx, path, st[1:]...)
		c.Args[0] = st[0]
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
	var procs []*os.Process
	for i, c := range cmds {
		if err := c.Start(); err != nil {
			for _, p := range procs {
				p.Kill()
			}
			for _, started := range cmds[:i] {
				started.Wait()
			}
			return &StageError{Index: i, Stage: stages[i], Code: 1, Err: err}
		}
		procs = append(procs, c.Process)
	}
	// The children hold their ends now; ours would keep pipes open.
	for _, f := range parentEnds {
		f.Close()
	}
	parentEnds = nil
	if rc.Started != nil {
		rc.Started(procs)
	}
	var first *StageError
	for i, c := range cmds {
		err := c.Wait()
		if err == nil || first != nil {
			continue
		}
		se := &StageError{Index: i, Stage: stages[i], Code: 1, Err: err}
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.ExitCode() > 0 {
			se.Code = ee.ExitCode()
			se.Err = fmt.Errorf("exited %d", se.Code)
		}
		first = se
	}
	if first != nil {
		return first
	}
	return nil
}
