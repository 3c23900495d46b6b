package bookweb

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/ws"
)

// liveDial opens GET /live as the learner whose cookies client holds.
func liveDial(t *testing.T, client *http.Client, base string) *ws.Conn {
	t.Helper()
	u, _ := url.Parse(base)
	h := http.Header{}
	for _, c := range client.Jar.Cookies(u) {
		h.Add("Cookie", c.String())
	}
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	conn, resp, err := ws.Dial(ctx, base+"/live", &ws.DialOptions{Header: h})
	if err != nil {
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		t.Fatalf("GET /live as a websocket: %v (status %d); want 101 Switching Protocols", err, status)
	}
	t.Cleanup(func() { conn.CloseNow() })
	return conn
}

// nextVerdict reads the next message of conn as a verdict, waiting at most 10s.
func nextVerdict(t *testing.T, conn *ws.Conn) Verdict {
	t.Helper()
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	typ, data, err := conn.ReadMessage()
	if err != nil {
		t.Fatalf("reading /live: %v; want the verdict of the learner's check, pushed", err)
	}
	var v Verdict
	if typ != ws.TextMessage || json.Unmarshal(data, &v) != nil {
		t.Fatalf("/live sent %q (type %d); want a text message holding the verdict as JSON", data, typ)
	}
	return v
}

func TestLivePushesEachLearnersVerdicts(t *testing.T) {
	b, _, ids := checkBook(t, 2)
	fake := &fakeChecker{}
	hub := ws.NewHub(ws.HubOptions{})
	defer hub.Close()
	srv := httptest.NewServer(Edition(b, Options{Logger: slog.New(slog.DiscardHandler)}, Services{Check: fake.check, Hub: hub}))
	defer srv.Close()
	ada, bob := browser(t), browser(t)
	adaID, bobID := sessionsMe(t, ada, srv.URL), sessionsMe(t, bob, srv.URL)
	adaLive, bobLive := liveDial(t, ada, srv.URL), liveDial(t, bob, srv.URL)
	adaTab2 := liveDial(t, ada, srv.URL)
	// The handler joins the room after the handshake: wait for it, or a verdict could go first.
	for i := 0; hub.Members(room(adaID)) != 2 || hub.Members(room(bobID)) != 1; i++ {
		if i == 1000 {
			t.Fatalf("after 10s, room(ada) has %d members and room(bob) %d; want 2 and 1 (hub.Add, then Join(room(learner)))",
				hub.Members(room(adaID)), hub.Members(room(bobID)))
		}
		time.Sleep(10 * time.Millisecond)
	}
	var bobSaid Verdict
	_, body := post(t, bob, srv.URL+"/check/"+ids[1])
	json.Unmarshal([]byte(body), &bobSaid)
	if got := nextVerdict(t, bobLive); got != bobSaid {
		t.Fatalf("bob's /live pushed %+v after his check, want the verdict POST answered: %+v", got, bobSaid)
	}
	_, body = post(t, ada, srv.URL+"/check/"+ids[0])
	var adaSaid Verdict
	json.Unmarshal([]byte(body), &adaSaid)
	if got := nextVerdict(t, adaLive); got != adaSaid {
		t.Errorf("ada's first pushed verdict = %+v, want her own %+v (bob's verdicts are his: a room per learner)", got, adaSaid)
	}
	if got := nextVerdict(t, adaTab2); got != adaSaid {
		t.Errorf("ada's second tab got %+v, want %+v too (every open page of the learner)", got, adaSaid)
	}
}

func TestPagesHaveCheckButtons(t *testing.T) {
	b, _, ids := checkBook(t, 2)
	srv := httptest.NewServer(New(b, Options{Logger: slog.New(slog.DiscardHandler)}))
	defer srv.Close()
	reader := browser(t)
	resp, err := reader.Get(srv.URL + "/" + b.Index.Pages[1].URL)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(srv.URL)
	if len(reader.Jar.Cookies(u)) == 0 {
		t.Error("a browser's first page set no session cookie; call learner(req) in the page route, or the page's /live and its /check would be two different learners")
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, id := range ids {
		if !strings.Contains(string(page), `data-step="`+id+`"`) {
			t.Errorf("the page of step %s has no button with data-step=%q (the layout's Steps)", id, id)
		}
	}
}
