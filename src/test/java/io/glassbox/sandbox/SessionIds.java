package io.glassbox.sandbox;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random lab host ids for tests, shaped like the session registry's. */
final class SessionIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {
    }

    static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
