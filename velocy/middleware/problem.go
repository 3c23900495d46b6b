package middleware

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
)

// Problem is an error response in the format of RFC 9457, "Problem Details
// for HTTP APIs": a JSON object sent as application/problem+json, which a
// client can read without knowing the API that sent it.
//
//	{"type":"https://example.com/probs/out-of-credit","title":"You do not
//	 have enough credit.","status":403,"detail":"Your balance is 30, but
//	 that costs 50.","instance":"/account/12345/msgs/abc","balance":30}
//
// Every member is optional. Type is a URI reference that identifies the
// kind of problem, and the documentation for it when it is a URL; empty
// means "about:blank", a problem that is no more than its status code.
// Title is a short summary of that kind of problem, the same for every
// occurrence; Detail explains this occurrence. Status repeats the HTTP
// status code. Instance is a URI reference for this occurrence. Extensions
// holds the other members, which a type may define (the "balance" above);
// a key that names one of the five members above is ignored.
//
// A *Problem is an error, so a [HandlerFunc] can return one, and
// [WriteError] writes it as it is: everything in it is for the client.
type Problem struct {
	Type       string
	Title      string
	Status     int
	Detail     string
	Instance   string
	Extensions map[string]any
}

// Error returns the title and the detail, for logs.
func (p *Problem) Error() string {
	title := p.Title
	if title == "" {
		title = statusText(validStatus(p.Status))
	}
	if p.Detail == "" {
		return title
	}
	return title + ": " + p.Detail
}

// StatusCode returns p.Status: [StatusOf] and [WriteError] use it.
func (p *Problem) StatusCode() int { return p.Status }

// problemMembers are the members RFC 9457 defines, in the order
// MarshalJSON writes them.
var problemMembers = []string{"type", "title", "status", "detail", "instance"}

// MarshalJSON writes p as one JSON object: its members that are set, in
// the order of the RFC, then its extensions, sorted by name.
func (p Problem) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	add := func(name string, v any) error {
		data, err := json.Marshal(v)
		if err != nil {
			return err
		}
		if len(b) > 1 {
			b = append(b, ',')
		}
		key, _ := json.Marshal(name) // a string always encodes
		b = append(append(append(b, key...), ':'), data...)
		return nil
	}
	// Strings and an int: these never fail.
	if p.Type != "" {
		add("type", p.Type)
	}
	if p.Title != "" {
		add("title", p.Title)
	}
	if p.Status != 0 {
		add("status", p.Status)
	}
	if p.Detail != "" {
		add("detail", p.Detail)
	}
	if p.Instance != "" {
		add("instance", p.Instance)
	}
	names := make([]string, 0, len(p.Extensions))
	for name := range p.Extensions {
		if !slices.Contains(problemMembers, name) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		if err := add(name, p.Extensions[name]); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// UnmarshalJSON reads a problem details object into p. As RFC 9457 asks, a
// member of the wrong JSON type (a "status" that is a string) is ignored;
// members other than the five it defines go into p.Extensions.
func (p *Problem) UnmarshalJSON(data []byte) error {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(data, &obj); err != nil {
		return err
	}
	*p = Problem{}
	for name, raw := range obj {
		// A member of the wrong type fails to decode and keeps its zero
		// value: that is the "ignored" of the RFC.
		switch name {
		case "type":
			json.Unmarshal(raw, &p.Type)
		case "title":
			json.Unmarshal(raw, &p.Title)
		case "status":
			json.Unmarshal(raw, &p.Status)
		case "detail":
			json.Unmarshal(raw, &p.Detail)
		case "instance":
			json.Unmarshal(raw, &p.Instance)
		default:
			var v any
			if json.Unmarshal(raw, &v) == nil {
				if p.Extensions == nil {
					p.Extensions = make(map[string]any)
				}
				p.Extensions[name] = v
			}
		}
	}
	return nil
}

// WriteProblem writes p as the response, with the Content-Type
// application/problem+json. It fills in what p leaves out without
// changing p: a Status that is not an error status (400 to 599) becomes
// 500, and a problem of type "about:blank" (or none) gets the status text
// as its Title. If p's extensions cannot be encoded as JSON, the response
// leaves them out. A response to HEAD carries no body.
//
// WriteProblem sends a header, so it must be called before anything else
// was written; [WriteError] checks that for you.
func WriteProblem(w http.ResponseWriter, r *http.Request, p *Problem) {
	q := Problem{Status: http.StatusInternalServerError}
	if p != nil {
		q = *p
	}
	q.Status = validStatus(q.Status)
	if q.Title == "" && (q.Type == "" || q.Type == "about:blank") {
		q.Title = statusText(q.Status)
	}
	body, err := json.Marshal(q)
	if err != nil {
		q.Extensions = nil
		body, _ = json.Marshal(q)
	}
	h := w.Header()
	h.Del("Content-Length") // whatever the handler meant to send, this is not it
	h.Set("Content-Type", "application/problem+json")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(q.Status)
	if r == nil || r.Method != http.MethodHead {
		w.Write(append(body, '\n'))
	}
}

// validStatus returns status if it is an error status, 400 to 599, and 500
// otherwise.
func validStatus(status int) int {
	if status < 400 || status > 599 {
		return http.StatusInternalServerError
	}
	return status
}

// StatusClientClosedRequest is the status [StatusOf] gives a request whose
// context was canceled: the client went away before the answer. No client
// reads it; access logs do. The number is nginx's, not a standard one.
const StatusClientClosedRequest = 499

// statusText is http.StatusText, which also knows 499.
func statusText(status int) string {
	if status == StatusClientClosedRequest {
		return "Client Closed Request"
	}
	if t := http.StatusText(status); t != "" {
		return t
	}
	return "Error " + strconv.Itoa(status)
}
