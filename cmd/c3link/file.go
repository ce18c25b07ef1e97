package main

import (
	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/c3kit/c3kit/link"
	"github.com/urfave/cli/v2"
)

func fileCommand() *cli.Command {
	params := []string{"command-write-folder", "telemetry-read-folder", "telemetry-archive-folder", "file-read-size", "stored"}
	return &cli.Command{
		Name:        "file",
		Description: lifecycleHelp,
		Usage:       "COSMOS File Interface: telemetry files from a drop folder, each command to a new file",
		UsageText: "c3link file COMMAND_WRITE_FOLDER TELEMETRY_READ_FOLDER TELEMETRY_ARCHIVE_FOLDER [FILE_READ_SIZE [STORED]] [flags]\n" +
			"   e.g. c3link file nil /dropbox /archive 65536 true --discard-file-header-bytes 128",
		Flags: append(commonFlags(),
			&cli.StringFlag{Name: "command-write-folder", Usage: "folder each command record is written to, one file each; nil: no writes"},
			&cli.StringFlag{Name: "telemetry-read-folder", Usage: "folder to read telemetry files from; nil: no reads"},
			&cli.StringFlag{Name: "telemetry-archive-folder", Usage: "folder finished telemetry files are moved to; DELETE deletes them"},
			&cli.IntFlag{Name: "file-read-size", Value: 65536, Usage: "bytes read at a time (one record each)"},
			&cli.StringFlag{Name: "stored", Value: "true", Usage: "set the stored flag on the telemetry read"},
			&cli.StringFlag{Name: "label", Value: "command", Usage: "LABEL: label in command file names"},
			&cli.StringFlag{Name: "extension", Value: ".bin", Usage: "EXTENSION: extension of command files"},
			&cli.BoolFlag{Name: "polling", Usage: "POLLING: scan the folder instead of using inotify (NFS, shared folders, ...)"},
			&cli.StringFlag{Name: "poll-interval", Value: "1", Usage: "seconds between POLLING scans; also how long a file must hold still to count as complete"},
			&cli.BoolFlag{Name: "recursive", Usage: "RECURSIVE: also read files in sub-folders"},
			&cli.StringFlag{Name: "throttle", Value: "nil", Usage: "THROTTLE: seconds to wait after each read"},
			&cli.Int64Flag{Name: "discard-file-header-bytes", Usage: "DISCARD_FILE_HEADER_BYTES: bytes skipped at the start of each file"},
		),
		Action: linkAction(params, buildFile),
	}
}

func fileFromFlags(c *cli.Context) (*link.File, error) {
	folder := func(name string) string {
		if v := c.String(name); !cliutil.IsNil(v) {
			return v
		}
		return ""
	}
	f := &link.File{
		WriteFolder:   folder("command-write-folder"),
		ReadFolder:    folder("telemetry-read-folder"),
		ArchiveFolder: folder("telemetry-archive-folder"),
		ReadSize:      c.Int("file-read-size"),
		Label:         c.String("label"),
		Extension:     c.String("extension"),
		Polling:       c.Bool("polling"),
		Recursive:     c.Bool("recursive"),
		DiscardHeader: c.Int64("discard-file-header-bytes"),
	}
	if f.WriteFolder == "" && f.ReadFolder == "" {
		return nil, cliutil.Usagef("command write folder and telemetry read folder are both nil")
	}
	if f.ReadFolder != "" && f.ArchiveFolder == "" {
		return nil, cliutil.Usagef("give the telemetry archive folder (or DELETE)")
	}
	if f.ReadSize < 1 || f.ReadSize > 64<<20 {
		return nil, cliutil.Usagef("--file-read-size %d must be 1 .. %d", f.ReadSize, 64<<20)
	}
	if f.DiscardHeader < 0 {
		return nil, cliutil.Usagef("--discard-file-header-bytes must not be negative")
	}
	var err error
	if f.Stored, err = cliutil.ParseBool(c.String("stored")); err != nil {
		return nil, cliutil.Usagef("--stored: %v", err)
	}
	if f.Throttle, err = flagSeconds(c, "throttle", true); err != nil {
		return nil, err
	}
	if f.PollInterval, err = flagSeconds(c, "poll-interval", false); err != nil {
		return nil, err
	}
	if f.PollInterval <= 0 {
		return nil, cliutil.Usagef("--poll-interval must be more than 0")
	}
	return f, nil
}

func buildFile(c *cli.Context) (linkSetup, error) {
	f, err := fileFromFlags(c)
	if err != nil {
		return linkSetup{}, err
	}
	return linkSetup{link: f, canWrite: f.WriteFolder != "", canRead: f.ReadFolder != "", defName: "file", readSize: f.ReadSize}, nil
}
