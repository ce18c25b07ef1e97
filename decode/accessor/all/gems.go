package all

import _ "github.com/c3kit/c3kit/decode/accessor/gems" // GemsAccessor
