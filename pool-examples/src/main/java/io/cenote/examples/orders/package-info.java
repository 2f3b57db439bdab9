/**
 * The orders example application: a small orders service on a Cenote cluster, one per database
 * type (SQLite, PostgreSQL with Guice, MariaDB, Oracle); run it with {@code scripts/example.sh}.
 * See {@code docs/examples.md}.
 */
package io.cenote.examples.orders;
