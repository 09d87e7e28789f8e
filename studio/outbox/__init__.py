"""The outbox: a persistent queue of uploads that survives crashes and delivers exactly once."""
