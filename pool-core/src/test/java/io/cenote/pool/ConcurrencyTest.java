package io.cenote.pool;

import io.cenote.testkit.ThreadMode;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class as part of the {@code concurrency} group: many threads against one pool,
 * invariants checked while they run. CI runs the group once more on the newest JDK, where the
 * {@link ThreadMode#VIRTUAL} variants run too:
 *
 * <pre>
 * mvn -B -pl pool-core surefire:test -Dgroups=concurrency -Djvm=/path/to/jdk-25/bin/java
 * </pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("concurrency")
@interface ConcurrencyTest {}
