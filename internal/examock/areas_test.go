package examock

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

func TestMock_webhookSecretOnlyAtCreate(t *testing.T) {
	h := start(t, Options{})
	code, wh := h.call("POST", "/websets/v0/webhooks", `{"url":"https://x.example/h","events":["webset.created"]}`)
	if code != 200 || wh["secret"] == nil {
		t.Fatalf("create: %d %v", code, wh)
	}
	_, got := h.call("GET", "/websets/v0/webhooks/"+at[string](t, wh, "id"), "")
	if v, ok := got["secret"]; !ok || v != nil {
		t.Errorf("get must answer secret: null, got %v", got["secret"])
	}
	if code, _ := h.call("POST", "/websets/v0/webhooks", `{"url":"https://x.example/h","events":["webset.exploded"]}`); code != 400 {
		t.Errorf("unknown event type: %d", code)
	}
}

func TestMock_enrichmentPatchAnswersNoBody(t *testing.T) {
	h := start(t, Options{})
	ws := h.s.CreateWebset("")
	_, e := h.call("POST", "/websets/v0/websets/"+ws+"/enrichments", `{"description":"CEO email","format":"email"}`)
	path := "/websets/v0/websets/" + ws + "/enrichments/" + at[string](t, e, "id")
	req, _ := http.NewRequest("PATCH", h.url+path, strings.NewReader(`{"description":"CTO email"}`))
	req.Header.Set("x-api-key", key)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	_, _ = body.ReadFrom(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || body.Len() != 0 {
		t.Errorf("PATCH: %d %q", res.StatusCode, body.String())
	}
	if _, got := h.call("GET", path, ""); got["description"] != "CTO email" {
		t.Errorf("after PATCH: %v", got["description"])
	}
	if code, _ := h.call("POST", "/websets/v0/websets/"+ws+"/enrichments", `{"description":"x","format":"options"}`); code != 400 {
		t.Errorf("options format without options: %d", code)
	}
}

func TestMock_monitorCadenceIsValidated(t *testing.T) {
	h := start(t, Options{})
	ws := h.s.CreateWebset("")
	for body, want := range map[string]int{
		`{"websetId":"` + ws + `","cadence":{"cron":"0 9 * * *"},"behavior":{"type":"search","config":{"count":5}}}`:                        201,
		`{"websetId":"` + ws + `","cadence":{"cron":"*/5 * * * *"},"behavior":{"type":"search","config":{"count":5}}}`:                      400,
		`{"websetId":"` + ws + `","cadence":{"cron":"0 9 * * *","timezone":"Mars/Base"},"behavior":{"type":"search","config":{"count":5}}}`: 400,
		`{"websetId":"` + ws + `","cadence":{"cron":"0 9 * * *"},"behavior":{"type":"search","config":{"count":0}}}`:                        400,
	} {
		if code, got := h.call("POST", "/websets/v0/monitors", body); code != want {
			t.Errorf("%s: %d %v", body, code, got)
		}
	}
}

func TestMock_importUploadChecksTheSize(t *testing.T) {
	h := start(t, Options{})
	csv := "url\nhttps://a.example\n"
	code, im := h.call("POST", "/websets/v0/imports", `{"size":`+strconv.Itoa(len(csv))+`,"count":1,"format":"csv","entity":{"type":"company"}}`)
	if code != 201 || im["uploadUrl"] == nil || im["status"] != "pending" {
		t.Fatalf("create: %d %v", code, im)
	}
	put := func(body string) int {
		req, _ := http.NewRequest("PUT", at[string](t, im, "uploadUrl"), strings.NewReader(body))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if code := put(csv + "extra"); code != 400 {
		t.Errorf("a file of another size: %d", code)
	}
	if code := put(csv); code != 200 {
		t.Errorf("upload: %d", code)
	}
	if _, got := h.call("GET", "/websets/v0/imports/"+at[string](t, im, "id"), ""); got["status"] != "completed" || got["uploadUrl"] != nil {
		t.Errorf("after upload: %v", got)
	}
}
