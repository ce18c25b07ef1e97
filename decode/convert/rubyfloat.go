package convert

// RubyFloat formats f like Ruby's Float#to_s ("5.0", "1.0e+20", "NaN"):
// the text COSMOS writes for a float into text formats (the Template and
// Form accessors, HTTP meta).
func RubyFloat(f float64) string { return rubyFloat(f) }
