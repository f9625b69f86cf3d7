package io.glassbox.workshop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random identifiers and secrets, and how they are kept: a secret is a random 256-bit value handed out once; the
 * database holds only its SHA-256, and a presented secret is hashed and compared in constant time. A credential
 * is {@code <id>.<secret>}: the id finds the row, the secret proves the holder.
 */
final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Join codes avoid letters and digits that read alike (0/O, 1/I/L) when projected on a wall. */
    private static final String CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private Secrets() {
    }

    /** 128 random bits in hex: a row id. */
    static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** 256 random bits, URL-safe. */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A workshop's join code, e.g. K7QD-2MXP (40 bits: enough that codes are not guessed by trying). */
    static String joinCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                code.append('-');
            }
            code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Whether {@code candidate} hashes to {@code storedHash}, in time independent of where they differ. */
    static boolean matches(String storedHash, String candidate) {
        return candidate != null && MessageDigest.isEqual(storedHash.getBytes(StandardCharsets.US_ASCII),
                sha256(candidate).getBytes(StandardCharsets.US_ASCII));
    }

    /** A credential {@code <id>.<secret>} split in two, or null when it has not that shape. */
    static String[] split(String credential) {
        if (credential == null) {
            return null;
        }
        int dot = credential.strip().indexOf('.');
        if (dot <= 0 || dot == credential.strip().length() - 1) {
            return null;
        }
        String text = credential.strip();
        return new String[] {text.substring(0, dot), text.substring(dot + 1)};
    }
}
