package examock

import (
	"net/http"
	"os/exec"
	"strings"
	"testing"
)

// curl runs curl against the mock and returns the status and body: the
// faults endpoint is for clients that are not Go, so it is driven from
// outside Go here.
func (h *harness) curl(args ...string) (string, string) {
	h.t.Helper()
	bin, err := exec.LookPath("curl")
	if err != nil {
		h.t.Skip("curl is not installed (.ci/run installs it): the faults endpoint is tested from Go in TestMock_faultsOverHTTP")
	}
	out, err := exec.Command(bin, append([]string{"-s", "-w", "\n%{http_code}"}, args...)...).Output()
	if err != nil {
		h.t.Fatalf("curl %v: %v", args, err)
	}
	text := strings.TrimSpace(string(out))
	i := strings.LastIndex(text, "\n")
	return text[i+1:], strings.TrimSpace(text[:max(i, 0)])
}

// POST /_mock/faults, as the guide shows it with curl: the next 3 matching
// requests answer 500, then the API answers again; times 0 is every
// request; a 429 carries Retry-After; DELETE clears all; no key needed.
func TestMock_faultsFromCurl(t *testing.T) {
	h := start(t, Options{})
	ws := h.s.CreateWebset("")
	get := func() string {
		code, _ := h.curl("-H", "x-api-key: "+key, h.url+"/websets/v0/websets/"+ws)
		return code
	}
	if code, body := h.curl("-X", "POST", h.url+"/_mock/faults", "-d", `{"method": "GET", "path": "^/websets/v0/websets/", "status": 500, "times": 3}`); code != "201" {
		t.Fatalf("POST /_mock/faults: %s %s", code, body)
	}
	var got []string
	for range 4 {
		got = append(got, get())
	}
	if strings.Join(got, " ") != "500 500 500 200" {
		t.Errorf("want three 500s then a 200, got %v", got)
	}

	h.curl("-X", "POST", h.url+"/_mock/faults", "-d", `{"path": "^/websets/v0/websets/", "status": 429, "retry_after": 2, "times": 0}`)
	header, err := exec.Command("curl", "-s", "-D", "-", "-o", "/dev/null", "-H", "x-api-key: "+key, h.url+"/websets/v0/websets/"+ws).Output()
	if err != nil || !strings.Contains(string(header), " 429") || !strings.Contains(strings.ToLower(string(header)), "retry-after: 2") {
		t.Errorf("want a 429 with Retry-After: 2, got %q %v", header, err)
	}
	for range 3 {
		if code := get(); code != "429" {
			t.Errorf("times 0 must hit every request; got %s", code)
		}
	}
	if code, _ := h.curl("-X", "DELETE", h.url+"/_mock/faults"); code != "204" {
		t.Errorf("DELETE /_mock/faults: %s", code)
	}
	if code := get(); code != "200" {
		t.Errorf("after DELETE /_mock/faults: %s", code)
	}

	for _, bad := range []string{
		`{"path": "(", "status": 500}`,
		`{"status": 200}`,
		`{"status": 500, "times": -1}`,
		`{"drop": true, "status": 500}`,
		`{"status": 500, "unknown": "red"}`,
	} {
		if code, body := h.curl("-X", "POST", h.url+"/_mock/faults", "-d", bad); code != "400" || !strings.Contains(body, "invalid fault") {
			t.Errorf("%s: %s %s", bad, code, body)
		}
	}
}

// The same from Go, for machines without curl: drop and after_commit.
func TestMock_faultsOverHTTP(t *testing.T) {
	h := start(t, Options{})
	ws := h.s.CreateWebset("")
	f, err := faultBody{Method: "post", Path: "^/websets/v0/websets/[^/]+/searches$", AfterCommit: true, Drop: true, Times: 1}.fault()
	if err != nil {
		t.Fatal(err)
	}
	h.s.InjectFault(f)
	req := `{"query":"q","count":1}`
	if _, err := httpPost(h.url+"/websets/v0/websets/"+ws+"/searches", req); err == nil {
		t.Error("want the connection dropped")
	}
	if n := len(h.s.SearchIDs()); n != 1 {
		t.Errorf("after_commit: want the search made although the answer was dropped, got %d", n)
	}
	if code, _ := h.call("POST", "/websets/v0/websets/"+ws+"/searches", req); code != 200 {
		t.Errorf("times 1: the next create answers %d", code)
	}
}

// httpPost sends a JSON create with the test key.
func httpPost(url, body string) (*http.Response, error) {
	req, _ := http.NewRequest("POST", url, strings.NewReader(body))
	req.Header.Set("x-api-key", key)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err == nil {
		res.Body.Close()
	}
	return res, err
}
