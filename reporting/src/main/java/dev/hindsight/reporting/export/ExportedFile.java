package dev.hindsight.reporting.export;

/**
 * An export ready to send: its file name, media type and bytes.
 *
 * @param restricted the incident is restricted (its exports are audited as such)
 */
public record ExportedFile(String fileName, String mediaType, byte[] bytes, boolean restricted) {}
