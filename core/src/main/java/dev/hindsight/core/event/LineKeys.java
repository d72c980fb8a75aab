package dev.hindsight.core.event;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The contract's dedup key of a line of a line-based log (syslog, Nagios/Icinga): host + instant + a hash of the
 * line's text + the occurrence number of that same (host, instant, text) within its file. It never depends on the
 * file's name, folder or archive, so the same lines imported again from a renamed, rotated, zipped or uploaded copy are
 * duplicates, while a line really written twice in the same second stays two events.
 *
 * <p>One instance per file, fed its lines in file order. Repeats are looked for among the last
 * {@value #REMEMBERED} distinct lines (identical lines with one timestamp stand close together), so a file of any size
 * costs bounded memory; the store's re-keying of older data counts the same way.
 */
public final class LineKeys {

    /** Distinct (host, instant, text) keys remembered for counting repeats. */
    public static final int REMEMBERED = 10_000;

    private final Map<String, Integer> seen = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** The key of the next line of the file. */
    public String next(@Nullable String host, Instant at, byte[] text) {
        String base = (host == null ? "" : host) + "|" + at + "|" + EventId.contentHash(text).substring(0, 16);
        return base + "|" + seen.merge(base, 1, Integer::sum);
    }
}
