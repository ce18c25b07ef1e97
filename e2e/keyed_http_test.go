package e2e

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/frame/record"
)

// TestHTTPJSONTelemetry: a real HTTP server on loopback serves JSON
// telemetry; each response body is one record carrying the meta c3link
// http-client gives it (HTTP_STATUS, HTTP_PATH, HTTP_HEADERS), and the
// c3decode binary identifies it by $.id_item and decodes it; the meta
// comes out in extra. A truncated response cannot be identified: it is
// COSMOS's UNKNOWN packet with its length, and the stream goes on.
func TestHTTPJSONTelemetry(t *testing.T) {
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n++
		w.Header().Set("Content-Type", "application/json")
		if n == 2 {
			io.WriteString(w, `{"id_item":2,"item1":`)
			return
		}
		io.WriteString(w, `{"id_item":2,"item1":`+strings.Repeat("1", n)+`,"more":{"item2":7,"item3":0.5,"item4":"ok","item5":[1,2],"item6":"TRUE"},"item7":{"n":1},"pos":{"x":1,"y":2}}`)
	}))
	defer srv.Close()
	var stream bytes.Buffer
	w := record.NewWriter(&stream)
	for i := 0; i < 3; i++ {
		resp, err := http.Get(srv.URL + "/status")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		meta := record.Meta{record.KeyExtra: map[string]any{"HTTP_STATUS": uint64(resp.StatusCode), "HTTP_PATH": "/status",
			"HTTP_HEADERS": map[string]any{"Content-Type": resp.Header.Get("Content-Type")}}}
		if err := w.Write(meta, body); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	cmd := exec.Command(filepath.Join(binDir, "c3decode"), "-d", "../testdata/targets/INST2", "--items", "ITEM1,ITEM6,ITEM7,POS.Y")
	cmd.Stdin = &stream
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %s", err, errb.String())
	}
	head := `{"target":"INST2","packet":"JSONTLM","extra":{"HTTP_HEADERS":{"Content-Type":"application/json"},"HTTP_PATH":"/status","HTTP_STATUS":200},`
	want := head + `"items":{"ITEM1":2,"ITEM6":true,"ITEM7":{"n":1},"POS.Y":2}}
{"target":"UNKNOWN","packet":"UNKNOWN","extra":{"HTTP_HEADERS":{"Content-Type":"application/json"},"HTTP_PATH":"/status","HTTP_STATUS":200},"length":21}
` + head + `"items":{"ITEM1":222,"ITEM6":true,"ITEM7":{"n":1},"POS.Y":2}}
`
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}
