package def_test

import (
	"fmt"

	"github.com/c3kit/c3kit/decode/def"
)

func ExampleLoadText() {
	text := `
TELEMETRY INST HEALTH_STATUS BIG_ENDIAN "Health and status"
  APPEND_ID_ITEM PKTID 8 UINT 1 "Packet id"
  <% (1..2).each do |i| %>
  APPEND_ITEM TEMP<%= i %> 16 INT "Temperature <%= i %>"
    POLY_READ_CONVERSION 0 0.5
  <% end %>
`
	set, err := def.LoadText("inst_tlm.txt", text, def.Options{Target: "INST"})
	if err != nil {
		fmt.Println(err)
		return
	}
	p, ok := set.Identify([]byte{1, 0, 10, 0, 20}, def.Telemetry)
	fmt.Println(ok, p.Name, p.DefinedLength)
	for _, it := range p.Items[5:] { // after the 5 reserved items
		fmt.Println(it.Name, it.BitOffset, it.BitSize, it.DataType)
	}
	_, err = def.LoadText("inst_tlm.txt", "TELEMETRY INST X BIG_ENDIAN\n  ITEM A 0 16 FLOAT", def.Options{Target: "INST"})
	fmt.Println(err)
	// Output:
	// true HEALTH_STATUS 5
	// PKTID 0 8 UINT
	// TEMP1 8 16 INT
	// TEMP2 24 16 INT
	// inst_tlm.txt:2: ITEM: A: bit_size for FLOAT items must be 32 or 64. Given: 16
}
