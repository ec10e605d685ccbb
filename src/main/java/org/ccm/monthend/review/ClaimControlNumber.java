package org.ccm.monthend.review;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The claim control number sent as CLM01 and matched against CLP01 of an 835 (claim-lifecycle.md, "Claim control
 * number"): the claim id when it is at most 20 characters, since Medicare's 835 returns only 20; otherwise "C" and
 * the first 19 characters of the base-32 (RFC 4648, upper case, no padding) SHA-256 of the claim id, stable across
 * runs.
 */
public final class ClaimControlNumber {

    /** CLM01: at most 20 characters are returned whole in the 835. */
    public static final int MAX_LENGTH = 20;

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private ClaimControlNumber() {
    }

    public static String of(String claimId) {
        if (claimId.length() <= MAX_LENGTH) {
            return claimId;
        }
        return "C" + base32(sha256(claimId)).substring(0, MAX_LENGTH - 1);
    }

    static String base32(byte[] bytes) {
        StringBuilder text = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                text.append(BASE32[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            text.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return text.toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every JVM has SHA-256", ex);
        }
    }
}
