package examock

import (
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// -rate-limit 2: a key gets a burst of 2, then 429 with Retry-After in whole
// seconds, and a request after that wait goes through. The 429 is logged,
// takes no injected fault, and a wrong key still gets 401 rather than 429.
func TestMock_rateLimitPerKey(t *testing.T) {
	h := start(t, Options{RateLimit: 2})
	ws := h.s.CreateWebset("")
	h.s.InjectFault(Fault{Method: "GET", Status: 500, Times: 1})
	var got []string
	for range 4 {
		code, _ := h.call("GET", "/websets/v0/websets/"+ws, "")
		got = append(got, strconv.Itoa(code))
	}
	// The first two use the burst (the first takes the fault); the other
	// two are over the limit and leave the fault alone.
	if strings.Join(got, " ") != "500 200 429 429" {
		t.Fatalf("want 500 200 429 429, got %v", got)
	}
	reqs := h.s.Find("GET", "/v0/websets/*")
	if len(reqs) != 4 || reqs[2].Status != 429 || reqs[3].Status != 429 {
		t.Fatalf("the log should hold the 429s: %+v", reqs)
	}

	header, err := exec.Command("curl", "-s", "-D", "-", "-o", "/dev/null", "-H", "x-api-key: "+key, h.url+"/websets/v0/websets/"+ws).Output()
	if err == nil && (!strings.Contains(string(header), " 429") || !strings.Contains(strings.ToLower(string(header)), "retry-after: 1\r")) {
		t.Errorf("want a 429 with Retry-After: 1, got %q", header)
	}
	if code, body := h.call("GET", "/websets/v0/websets/"+ws, ""); code != 429 || !strings.Contains(body["message"].(string), "limit of 2 requests a second") { //nolint:forcetypeassert // an error body's message is a string
		t.Errorf("want a 429 that names the limit, got %d %v", code, body)
	}
	if code, _ := h.curl("-H", "x-api-key: wrong", h.url+"/websets/v0/websets/"+ws); code != "401" {
		t.Errorf("a wrong key over the limit: want 401, got %s", code)
	}
	time.Sleep(time.Second)
	if code, _ := h.call("GET", "/websets/v0/websets/"+ws, ""); code != 200 {
		t.Errorf("after Retry-After the key may send again; got %d", code)
	}

	h.s.SetRateLimit(0)
	for range 5 {
		if code, _ := h.call("GET", "/websets/v0/websets/"+ws, ""); code != 200 {
			t.Fatalf("with the limit off: %d", code)
		}
	}
}

// POST /_mock/rate-limit sets the limit from any language (tofu test, CI),
// GET reads it, DELETE turns it off; bad bodies are a 400; no key needed.
func TestMock_rateLimitFromCurl(t *testing.T) {
	h := start(t, Options{})
	ws := h.s.CreateWebset("")
	if code, body := h.curl("-X", "POST", h.url+"/_mock/rate-limit", "-d", `{"requests_per_second": 1}`); code != "200" || !strings.Contains(body, `"requests_per_second":1`) {
		t.Fatalf("POST /_mock/rate-limit: %s %s", code, body)
	}
	get := func() string {
		code, _ := h.curl("-H", "x-api-key: "+key, h.url+"/websets/v0/websets/"+ws)
		return code
	}
	if a, b := get(), get(); a != "200" || b != "429" {
		t.Errorf("at 1 a second: want 200 then 429, got %s %s", a, b)
	}
	if code, body := h.curl(h.url + "/_mock/rate-limit"); code != "200" || !strings.Contains(body, `"requests_per_second":1`) {
		t.Errorf("GET /_mock/rate-limit: %s %s", code, body)
	}
	for _, bad := range []string{`{"requests_per_second": -1}`, `{}`, `{"rps": 3}`, `nope`} {
		if code, _ := h.curl("-X", "POST", h.url+"/_mock/rate-limit", "-d", bad); code != "400" {
			t.Errorf("POST %s: want 400, got %s", bad, code)
		}
	}
	if code, _ := h.curl("-X", "DELETE", h.url+"/_mock/rate-limit"); code != "204" {
		t.Errorf("DELETE /_mock/rate-limit: %s", code)
	}
	for range 3 {
		if code := get(); code != "200" {
			t.Fatalf("after DELETE the limit is off; got %s", code)
		}
	}
}
