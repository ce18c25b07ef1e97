// Package ruby is the Ruby subset c3kit understands where COSMOS files hold
// Ruby: the ERB templates of definition files and plugin.txt (format.md),
// and the constant files they require. It lexes, parses and evaluates
// expressions (literals, variables, arithmetic, comparisons, ranges, arrays,
// hashes, a few String/Integer methods, String#% and sprintf) and runs
// templates with if/unless/elsif/else, loops, render and require.
//
// Callers hand it the template text and functions that load partials and
// required files, so that definition folders and plugin folders each
// resolve names their own way (DirPartials reads partials from a folder).
package ruby
