package api

import (
	"sync"
	"time"
)

// logSampler lets through the first log line per key per minute and
// counts the rest, so that a flood of rate-limited requests cannot fill
// the logs (one token flooding wrote 620 MB in 4 minutes).
type logSampler struct {
	mu   sync.Mutex
	now  func() time.Time
	keys map[string]*sampled
}

type sampled struct {
	since      time.Time // start of the key's current minute
	suppressed int       // lines left out in it
}

func newLogSampler() *logSampler {
	return &logSampler{now: time.Now, keys: map[string]*sampled{}}
}

// sample reports whether to log key's line now and, if so, how many of
// its lines were left out since the last one logged.
func (l *logSampler) sample(key string) (bool, int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	k, ok := l.keys[key]
	if ok && now.Sub(k.since) < time.Minute {
		k.suppressed++
		return false, 0
	}
	if len(l.keys) > 10000 { // idle keys are dropped; a flood of keys is bounded
		for key, v := range l.keys {
			if now.Sub(v.since) >= time.Minute {
				delete(l.keys, key)
			}
		}
	}
	left := 0
	if ok {
		left = k.suppressed
	}
	l.keys[key] = &sampled{since: now}
	return true, left
}
