/** Cenote's router: named pools and primary/replica clusters. Only the API package is exported. */
module io.cenote.router {
  requires transitive java.sql;
  requires transitive io.cenote.pool;
  requires org.slf4j;

  exports io.cenote.router;
}
