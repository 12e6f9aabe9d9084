/**
 * How a partner verifies a webhook, in three languages, as the event catalogue page shows them.
 * Each checks what webhook-signature.ts signs: base64 HMAC-SHA256 of "id.timestamp.body" keyed with
 * the base64 part of the `whsec_` secret, any of the space-separated `v1,` signatures matching, and a
 * timestamp near the receiver's clock. The Node one is run by the page's test against our signer.
 */
export interface VerificationSnippet {
  /** The id of its block on the page. */
  id: string;
  language: string;
  code: string;
}

const NODE = `// npm install standardwebhooks
const { Webhook } = require('standardwebhooks');

// secret: the endpoint's whsec_… secret, shown once when it was registered.
// rawBody: the request body exactly as received (a string, before any JSON parsing).
// headers: the request headers (lower-case names, as Node gives them).
function verifyWebhook(secret, rawBody, headers) {
  // Throws when no signature matches or the timestamp is more than 5 minutes off; returns the body.
  return new Webhook(secret).verify(rawBody, {
    'webhook-id': headers['webhook-id'],
    'webhook-timestamp': headers['webhook-timestamp'],
    'webhook-signature': headers['webhook-signature'],
  });
}

module.exports = { verifyWebhook };
`;

const PYTHON = `import base64
import hashlib
import hmac
import time


def verify_webhook(secret: str, raw_body: bytes, headers) -> bool:
    """True when the body was signed with the endpoint's whsec_ secret in the last 5 minutes."""
    msg_id = headers["webhook-id"]
    timestamp = headers["webhook-timestamp"]
    if abs(time.time() - int(timestamp)) > 300:
        return False
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{msg_id}.{timestamp}.".encode() + raw_body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(
        hmac.compare_digest(signature[3:], expected)
        for signature in headers["webhook-signature"].split(" ")
        if signature.startswith("v1,")
    )
`;

const GO = `package webhooks

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// VerifyWebhook reports whether body, read unchanged from the request, was signed with the
// endpoint's whsec_ secret in the last 5 minutes.
func VerifyWebhook(secret string, body []byte, header http.Header) bool {
	id, timestamp := header.Get("webhook-id"), header.Get("webhook-timestamp")
	sent, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil || time.Since(time.Unix(sent, 0)).Abs() > 5*time.Minute {
		return false
	}
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		return false
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + timestamp + "."))
	mac.Write(body)
	expected := []byte(base64.StdEncoding.EncodeToString(mac.Sum(nil)))
	for _, signature := range strings.Split(header.Get("webhook-signature"), " ") {
		if given, ok := strings.CutPrefix(signature, "v1,"); ok && hmac.Equal([]byte(given), expected) {
			return true
		}
	}
	return false
}
`;

export const VERIFICATION_SNIPPETS: readonly VerificationSnippet[] = [
  { id: 'verify-node', language: 'Node.js', code: NODE },
  { id: 'verify-python', language: 'Python', code: PYTHON },
  { id: 'verify-go', language: 'Go', code: GO },
];
