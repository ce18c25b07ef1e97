require 'openc3/accessors/accessor'
module OpenC3
  class MyAccessor < Accessor
  end
end
