// Package ruby is the Ruby subset c3kit understands where COSMOS files hold
// Ruby (and, for GENERIC conversions, Python):
//   - lex.go: the one lexer, for GENERIC conversion bodies (LexBody, read by
//     decode/convert's translator) and for the code inside ERB tags (LexERB);
//   - ops.go, num.go, printf.go: the value operations both evaluate with
//     (Ruby's and Python's arithmetic, comparisons, Float#to_s, sprintf and
//     str.format, conversions), which decode/convert's programs call and the
//     ERB evaluator uses;
//   - erb*.go: ERB templates of definition files and plugin.txt
//     (format.md), with if/unless/elsif/else, loops, render and require,
//     and constants.go for the files they require.
//
// Callers hand it the template text and functions that load partials and
// required files, so that definition folders and plugin folders each
// resolve names their own way (DirPartials reads partials from a folder).
package ruby
