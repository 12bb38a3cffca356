package pgw.api.store;

import pgw.api.MetricFamily;

/** A family as stored in a group, with the time of the push that last wrote it (epoch nanos). */
public record StoredFamily(MetricFamily family, long pushTimeNanos) {}
