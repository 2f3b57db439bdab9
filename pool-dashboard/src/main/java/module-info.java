/**
 * Cenote's dashboard: a live web page and JSON API over a {@code PoolManager}'s pools and
 * clusters. Only the API package is exported.
 */
module io.cenote.dashboard {
  requires transitive io.cenote.router;
  requires org.slf4j;

  exports io.cenote.dashboard;
}
