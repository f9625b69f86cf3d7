package io.glassbox.web;

/** Reads the token out of an {@code Authorization: Bearer <token>} header. */
final class Bearer {

    private static final String PREFIX = "Bearer ";

    private Bearer() {
    }

    /** The token, or null when the header is missing or of another scheme. */
    static String token(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        return authorization.substring(PREFIX.length()).strip();
    }
}
