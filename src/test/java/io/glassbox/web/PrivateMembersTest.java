package io.glassbox.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import org.junit.jupiter.api.Test;

/** Handles on private members: reached where they exist, null (never an exception) where they do not. */
class PrivateMembersTest {

    @SuppressWarnings("unused") // reached through PrivateMembers only
    private static final class Hidden {
        private final String secret = "kept";

        private String reveal() {
            return "revealed " + secret;
        }
    }

    private static final String HIDDEN = Hidden.class.getName();

    @Test
    void aPrivateMethodIsCalledAsTheTypeAskedFor() throws Throwable {
        MethodType asObjects = MethodType.methodType(Object.class, Object.class);
        MethodHandle reveal = PrivateMembers.method(HIDDEN, "reveal", asObjects);

        assertThat(reveal).isNotNull();
        assertThat((Object) reveal.invokeExact((Object) new Hidden())).isEqualTo("revealed kept");
    }

    @Test
    void aClassAtHandIsNotLookedUpByName() throws Throwable {
        MethodHandle reveal = PrivateMembers.method(Hidden.class, "reveal",
                MethodType.methodType(String.class, Hidden.class));

        assertThat(reveal).isNotNull();
        assertThat((String) reveal.invokeExact(new Hidden())).isEqualTo("revealed kept");
        assertThat(PrivateMembers.method(Hidden.class, "gone", MethodType.methodType(String.class, Hidden.class)))
                .isNull();
    }

    @Test
    void aPrivateFieldIsRead() throws Throwable {
        MethodHandle secret = PrivateMembers.getter(HIDDEN, "secret");

        assertThat(secret).isNotNull();
        assertThat(secret.invoke(new Hidden())).isEqualTo("kept");
    }

    @Test
    void whatALibraryVersionLacksIsNull() {
        assertThat(PrivateMembers.method(HIDDEN, "gone", MethodType.methodType(String.class, Hidden.class))).isNull();
        assertThat(PrivateMembers.method("io.glassbox.NoSuchClass", "reveal", MethodType.methodType(void.class)))
                .isNull();
        assertThat(PrivateMembers.method(HIDDEN, "reveal", MethodType.methodType(int.class, Hidden.class)))
                .as("a type its result cannot take").isNull();
        assertThat(PrivateMembers.getter(HIDDEN, "gone")).isNull();
    }
}
