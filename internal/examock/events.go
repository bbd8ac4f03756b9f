package examock

import (
	"net/http"
	"slices"
)

// Events: what the mock records as things happen, and delivers to the
// webhooks that subscribe to them.

// emit delivers an event to every active webhook that subscribes to it.
// The caller holds mu.
func (s *Server) emit(eventType string) {
	eventID := s.nextID("event")
	for _, id := range s.webhookIDs {
		wh := s.webhooks[id]
		if wh.gone || wh.Status != "active" || !slices.Contains(wh.Events, eventType) {
			continue
		}
		body := `{"received":true}`
		wh.attempts = append([]attemptJSON{{
			ID: s.nextID("attempt"), Object: "webhook_attempt", EventID: eventID, EventType: eventType,
			WebhookID: wh.ID, URL: wh.URL, Successful: true,
			ResponseHeaders: map[string]string{"content-type": "application/json"}, ResponseBody: &body,
			ResponseStatusCode: http.StatusOK, Attempt: 1, AttemptedAt: s.now(),
		}}, wh.attempts...)
	}
}
