package dev.hindsight.core.signature;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature checks of webhook and chat senders (PagerDuty, Slack, Jira): the hex HMAC-SHA256 of what they sent,
 * keyed by the shared secret, compared in constant time so that a forger learns nothing from how long a refusal takes.
 */
public final class Signatures {

    private Signatures() {}

    /** Lower-case hex of HMAC-SHA256 over the parts in order, keyed by the secret (UTF-8). */
    public static String hmacSha256Hex(String secret, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK ships HmacSHA256", e);
        }
    }

    /** Whether the two strings are equal, in time that does not depend on where they differ. */
    public static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
