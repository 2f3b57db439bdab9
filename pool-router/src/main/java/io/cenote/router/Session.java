package io.cenote.router;

/**
 * A unit of read-your-writes consistency. After a write in a session, that session's reads go
 * to the primary for the cluster's {@code readYourWritesWindow}; while a session holds a
 * primary connection with an open transaction ({@code autoCommit=false}), its reads go to the
 * primary too.
 *
 * <p>By default each thread is its own session. Create one with {@link Cluster#newSession()}
 * and pass it to the {@code read}/{@code write} methods when a logical session spans threads
 * (an HTTP session, an asynchronous workflow). Sessions are thread-safe and belong to the
 * cluster that created them.
 */
public interface Session {

  /**
   * Records that this session just wrote through some other path than the cluster, so that its
   * reads go to the primary for the read-your-writes window from now on.
   */
  void markWritten();
}
