require 'openc3/conversions/conversion'
module OpenC3
  class MyConversion < Conversion
    def initialize(factor)
      super()
      @factor = factor.to_i
    end
    def call(value, packet, buffer)
      value * @factor
    end
  end
end
