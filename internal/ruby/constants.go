package ruby

import "strings"

// Constants evaluates a Ruby file required from ERB (path names it in
// errors). Only constant assignments (NAME = expression) are understood:
// that is what COSMOS definition files require files for (format.md's
// msg_id.rb); anything else is an error naming the line.
func Constants(path, src string) (map[string]any, error) {
	data := src
	consts := map[string]any{}
	sc := &scope{vars: consts}
	var ev evaluator
	for i, line := range strings.Split(data, "\n") {
		code := strings.TrimSpace(line)
		if code == "" || code[0] == '#' {
			continue
		}
		cname, val, ok := splitAssign(code)
		if !ok || cname[0] < 'A' || cname[0] > 'Z' {
			return nil, errorf(path, i+1, "ERB", "only constant assignments (NAME = value) are supported in required files: %q", clip(code))
		}
		e, err := parseRuby(val)
		if err == nil {
			var v any
			if v, err = ev.eval(e, sc); err == nil {
				consts[cname] = v
				continue
			}
		}
		return nil, errorf(path, i+1, "ERB", "%v in %q", err, clip(code))
	}
	return consts, nil
}
