package io.cenote.pool.internal;

/**
 * 128 bytes of padding that every {@link PoolEntry} starts with. HotSpot lays out a
 * superclass's fields before the subclass's, so an entry's hot fields (state, timestamps,
 * counters, written on every borrow and return by whichever core owns the entry) are never on
 * the cache line of the object before it in memory. Entries are allocated apart, but a garbage
 * collection may copy them next to each other, after which two cores lending neighbouring
 * entries would write one line (false sharing): that showed as run-to-run swings of up to 30%
 * in the 4-thread borrow benchmark.
 */
abstract class EntryPadding {
  @SuppressWarnings("unused")
  private long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}
