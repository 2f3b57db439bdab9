package io.cenote.testkit.db;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class (or method) that uses real databases through {@link Database} and
 * {@link TempSqliteDatabase} parameters, by registering {@link RealDatabaseExtension}. The
 * parameter annotations register the extension themselves, so this annotation is optional; it
 * documents the class's needs at its top.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(RealDatabaseExtension.class)
public @interface RealDatabases {}
