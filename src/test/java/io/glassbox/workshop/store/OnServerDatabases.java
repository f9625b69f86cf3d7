package io.glassbox.workshop.store;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A test case run on the two databases a server uses: embedded H2 in file mode (the default) and PostgreSQL.
 * For the services above the stores, whose SQL the store tests run on every kind already.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@EnumSource(value = TestDatabases.Kind.class, names = {"H2_FILE", "POSTGRESQL"})
public @interface OnServerDatabases {
}
