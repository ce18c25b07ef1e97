// Package def loads COSMOS command and telemetry definition files
// (targets/NAME/cmd_tlm/*.txt) into an in-memory model that the decoder and
// encoder engines work from.
//
// The model is data only: conversions, accessors and limits are described,
// never evaluated here (decode/convert and decode/accessor do that). Names
// of targets, packets, items and states are upper-cased as COSMOS does.
//
// # Files
//
// Load takes target folders, a folder of targets, or single files. A
// target's files are processed as COSMOS does: the COMMANDS/TELEMETRY files
// its target.txt lists, in that order, or else every cmd_tlm/**/*.txt
// sorted byte-wise (capitals first); files starting with _ are partials,
// only rendered. The target name in COMMAND/TELEMETRY lines is ignored in
// favour of the loaded target's name (except for target SYSTEM), so one
// folder can be loaded under several names (Options.Target).
//
// # ERB
//
// Files go through the ERB subset format.md describes: <%= expr %>,
// <% code %>, <%# comment %>, <%% and -%>/<%- trimming; target_name and
// Options.Vars; variables, assignments, integer/float/string arithmetic,
// comparisons, ternaries, ranges, arrays and hashes; if/elsif/else/unless;
// blocks "x.each do |v|", each_with_index, N.times, upto, downto, step;
// String#%, sprintf/format; render "_partial.txt", locals: {...}; and
// require "file" for files of NAME = value constants. Anything else is an
// error naming the file, line and text. ERB on comment lines is inert.
//
// # Layout
//
// Items keep COSMOS's rules: APPEND_* items go at the defined length
// (DERIVED ones at 0), nothing may follow a variably sized item unless
// VARIABLE_BIT_SIZE sizes it, the defined length is the largest positive
// extent plus the largest negative offset, and overlapping items are an
// error (COSMOS's message) unless OVERLAP, IGNORE_OVERLAP or
// Options.OverlapWarnings. Every packet starts with COSMOS's reserved
// derived items. STRUCTURE items are followed by their sub-items, named
// PARENT.ITEM, with offsets relative to the structure item.
//
// # Identification
//
// Set.Identify finds the packet a buffer holds without scanning every
// definition and without allocating; see identify.go for the rules.
package def
