/**
 * Cenote's dashboard: a live web page and JSON API over a {@code PoolManager}'s pools and
 * clusters, served by Javalin. Only the API package is exported; Jackson may read the views.
 */
module io.cenote.dashboard {
  requires transitive io.cenote.router;
  requires io.javalin;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires org.slf4j;

  exports io.cenote.dashboard;
  opens io.cenote.dashboard to com.fasterxml.jackson.databind;
  opens io.cenote.dashboard.internal to com.fasterxml.jackson.databind;
}
