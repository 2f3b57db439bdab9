package io.cenote.testkit.db;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Asks for a new, empty SQLite database file that is deleted after the test (or after the class,
 * for a {@code @BeforeAll} parameter). The parameter may be a {@link SqliteDatabase}, a
 * {@code String} (the JDBC URL {@code jdbc:sqlite:/tmp/cenote-....db}) or a
 * {@link java.nio.file.Path} (the file). Every parameter gets its own file.
 *
 * <pre>{@code
 * @Test
 * void poolsSqlite(@TempSqliteDatabase String url) { ... }
 * }</pre>
 *
 * @see RealDatabaseExtension
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@ExtendWith(RealDatabaseExtension.class)
public @interface TempSqliteDatabase {}
