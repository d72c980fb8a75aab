package dev.hindsight.ingest.spi;

import java.util.Map;

/**
 * A webhook a source family receives: the path segment it answers at ({@code /hooks/{hook}}) and the format whose
 * decoder reads its bodies, so a body and a saved file of the same format decode (and replay) the same way. A sender
 * that signs its requests proves itself by the signature instead of an API token.
 */
public interface WebhookMapping {

    /** The path segment: {@code alertmanager} answers at {@code /hooks/alertmanager}. */
    String hook();

    /** The format whose decoder reads the bodies (and files its dead letters). */
    String format();

    /**
     * What the request's signature says, from its headers (names in lower case) and its body. Thread-safe, constant
     * time in the secret.
     */
    default Signature signature(Map<String, String> headers, byte[] body) {
        return Signature.NONE;
    }

    /** A webhook whose senders authenticate with an API token, its bodies read as {@code format}. */
    static WebhookMapping of(String hook, String format) {
        return new WebhookMapping() {
            @Override
            public String hook() {
                return hook;
            }

            @Override
            public String format() {
                return format;
            }
        };
    }

    enum Signature {
        /** The sender does not sign, or sent no signature: an API token must authenticate the request. */
        NONE,
        /** The signature is valid: the request is the sender's. */
        VALID,
        /** A signature was sent and it is wrong. */
        INVALID
    }
}
