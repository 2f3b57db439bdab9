package io.cenote.testkit.db;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Asks for a real database server in a {@link DatabaseTarget} parameter of a test method or of a
 * {@code @BeforeEach} / {@code @BeforeAll} method. The server is checked with a real connection
 * before it is handed out; if it cannot be reached the test is skipped, or fails when
 * {@code CI=true}.
 *
 * <pre>{@code
 * @Test
 * void readsFromReplica(
 *     @Database(engine = POSTGRESQL) DatabaseTarget primary,
 *     @Database(engine = POSTGRESQL, role = REPLICA) DatabaseTarget replica) { ... }
 * }</pre>
 *
 * @see RealDatabaseExtension
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@ExtendWith(RealDatabaseExtension.class)
public @interface Database {

  /**
   * Returns the engine.
   *
   * @return PostgreSQL or MariaDB
   */
  DatabaseEngine engine();

  /**
   * Returns the role, primary by default.
   *
   * @return primary or replica
   */
  DatabaseRole role() default DatabaseRole.PRIMARY;
}
