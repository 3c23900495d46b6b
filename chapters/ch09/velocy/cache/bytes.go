package cache

// limitBytes bounds the shard to max bytes (0: no bound), each entry
// counting size(key, value).
func (s *shard[K, V]) limitBytes(max int64, size func(K, V) int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.maxBytes, s.size = max, size
}

// usedBytes returns the sum of the sizes of the shard's entries.
func (s *shard[K, V]) usedBytes() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.bytes
}
