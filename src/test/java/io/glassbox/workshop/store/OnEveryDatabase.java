package io.glassbox.workshop.store;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A test case run once per {@link TestDatabases.Kind}: embedded H2 in memory, embedded H2 in file mode (the
 * server's default) and PostgreSQL. The case takes the kind as its parameter.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
public @interface OnEveryDatabase {
}
