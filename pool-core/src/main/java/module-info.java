/** Cenote's connection pool. Only the API package is exported; the engine stays internal. */
module io.cenote.pool {
  requires transitive java.sql;
  requires java.management;
  requires org.slf4j;

  exports io.cenote.pool;
}
