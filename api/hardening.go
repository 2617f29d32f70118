package api

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"golang.org/x/time/rate"
)

// contentSecurityPolicy fits JSON and the SVG maps (inline styles only):
// nothing may be loaded, framed or submitted.
const contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; " +
	"frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

// securityHeaders sets the headers every response carries. Responses
// about children are not to be stored by shared caches.
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set(echo.HeaderXContentTypeOptions, "nosniff")
		h.Set(echo.HeaderXFrameOptions, "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set(echo.HeaderCacheControl, "no-store")
		return next(c)
	}
}

// limiter is a per-key token bucket (one per API token or user; per
// client address before authentication). Idle buckets are dropped.
type limiter struct {
	mu      sync.Mutex
	perSec  rate.Limit
	burst   int
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

func newLimiter(perSec float64, burst int) *limiter {
	return &limiter{perSec: rate.Limit(perSec), burst: burst, buckets: map[string]*bucket{}, swept: time.Now()}
}

// allow reports whether key may make a request now, and if not, how long
// until it may.
func (l *limiter) allow(key string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > time.Minute {
		for k, b := range l.buckets {
			if now.Sub(b.seen) > 10*time.Minute {
				delete(l.buckets, k)
			}
		}
		l.swept = now
	}
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(l.perSec, l.burst)}
		l.buckets[key] = b
	}
	b.seen = now
	r := b.lim.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// empty reports whether key has no request left now, without using one,
// and if so how long until it has.
func (l *limiter) empty(key string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		return false, 0
	}
	if t := b.lim.TokensAt(now); t < 1 {
		return true, time.Duration((1 - t) / float64(l.perSec) * float64(time.Second))
	}
	return false, 0
}

// rateLimit answers 429 with Retry-After once key(c) has used its burst,
// or once the client's address has failed authentication too often
// (failedAuth): random tokens cannot buy fresh buckets, nor fill the
// audit trail with refusals.
func (s *Server) rateLimit(key func(echo.Context) string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if s.limiter == nil {
				return next(c)
			}
			now := time.Now()
			if spent, wait := s.authFailures.empty(c.RealIP(), now); spent {
				return tooMany(c, wait)
			}
			if ok, wait := s.limiter.allow(key(c), now); !ok {
				return tooMany(c, wait)
			}
			return next(c)
		}
	}
}

// failedAuth counts a failed authentication against the client's address.
func (s *Server) failedAuth(c echo.Context) {
	if s.authFailures != nil {
		s.authFailures.allow(c.RealIP(), time.Now())
	}
}

func tooMany(c echo.Context, wait time.Duration) error {
	c.Response().Header().Set("Retry-After", strconv.Itoa(max(1, int(math.Ceil(wait.Seconds())))))
	return &httpError{http.StatusTooManyRequests, "rate_limited", "too many requests; retry later"}
}

// rateKey buckets requests by bearer token (hashed: the token itself is
// never kept) or, without one, by the client's own address. The token is
// read as auth reads it (scheme in any case, spaces trimmed), so writing
// one token differently does not buy a fresh bucket.
func rateKey(c echo.Context) string {
	if h := c.Request().Header.Get(echo.HeaderAuthorization); h != "" {
		scheme, cred, _ := strings.Cut(strings.TrimSpace(h), " ")
		sum := sha256.Sum256([]byte(strings.ToLower(scheme) + " " + strings.TrimSpace(cred)))
		return "token:" + hex.EncodeToString(sum[:12])
	}
	return "ip:" + c.RealIP()
}
