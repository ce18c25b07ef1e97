package testtargets

import "testing"

func TestLoad(t *testing.T) {
	if got := Dir(); got != "../../../testdata/targets" {
		t.Errorf("Dir() = %q", got)
	}
	set := Load(t, "INST", "LE")
	if set.Target("INST") == nil || set.Target("LE") == nil || len(set.Targets) != 2 {
		t.Errorf("Load(INST, LE) gave %d targets", len(set.Targets))
	}
	if all := Load(t); len(all.Targets) <= 2 {
		t.Errorf("Load() gave %d targets, want every target", len(all.Targets))
	}
}
