package dev.hindsight.ingest.spi;

import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a rejected record needs around it to be a document of its format again, so that a replay after a fix decodes
 * it exactly as the import would have: the file name it is decoded under (a channel or a year may come from it) and
 * the bytes before and after it (the rest of a webhook notification around one alert, the header row of a CSV row).
 */
public record Envelope(String name, byte[] head, byte[] tail) {

    private static final String HOLE = "@@hindsight-record@@";

    /** The record is a whole document (a line of a line-based file, a file) decoded under this name. */
    public static Envelope whole(String name) {
        return new Envelope(name, new byte[0], new byte[0]);
    }

    /** The record is one line of a file whose first line is its header. */
    public static Envelope afterHeader(String name, String headerLine) {
        return new Envelope(name, (headerLine + "\n").getBytes(StandardCharsets.UTF_8), new byte[0]);
    }

    /**
     * The record is one element of the array {@code field} of a JSON {@code document}: the document with that array
     * holding only the record.
     */
    public static Envelope inJsonArray(String name, JsonNode document, String field) {
        if (!(document instanceof ObjectNode object)) {
            return new Envelope(name, "[".getBytes(StandardCharsets.UTF_8), "]".getBytes(StandardCharsets.UTF_8));
        }
        ObjectNode copy = object.deepCopy();
        copy.put(field, HOLE);
        String text = copy.toString();
        int hole = text.indexOf('"' + HOLE + '"');
        return new Envelope(name, (text.substring(0, hole) + "[").getBytes(StandardCharsets.UTF_8),
                ("]" + text.substring(hole + HOLE.length() + 2)).getBytes(StandardCharsets.UTF_8));
    }

    /** The record is one element of a top-level JSON array. */
    public static Envelope inArray(String name) {
        return new Envelope(name, "[".getBytes(StandardCharsets.UTF_8), "]".getBytes(StandardCharsets.UTF_8));
    }
}
