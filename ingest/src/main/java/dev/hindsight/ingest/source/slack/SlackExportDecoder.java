package dev.hindsight.ingest.source.slack;

import static dev.hindsight.ingest.support.JsonSource.text;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.ingest.spi.Archive;
import dev.hindsight.ingest.spi.ArchiveDecoder;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.spi.Envelope;
import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.support.JsonSource;
import dev.hindsight.ingest.support.MessageAttachments;
import dev.hindsight.ingest.spi.RecordSink;
import dev.hindsight.ingest.spi.SourceDataException;
import dev.hindsight.ingest.spi.SourceFile;
import dev.hindsight.ingest.support.Timestamps;
import dev.hindsight.ingest.support.Titles;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Slack workspace exports as Slack produces them: {@code users.json}, {@code channels.json} (and groups, DMs, MPIMs)
 * and one {@code <channel>/<YYYY-MM-DD>.json} array of messages per channel and day; zipped, unpacked, or a single
 * day file. Each message is one record keyed by channel + ts; joins, leaves, topic and purpose changes are skipped.
 * User ids become names and Slack's markup becomes plain text.
 */
class SlackExportDecoder implements ArchiveDecoder, FormatDecoder {

    static final String PARSER = "slack-export/1";

    private static final Pattern DAY_FILE = Pattern.compile("^(?:(.+)/)?([^/]+)/(\\d{4}-\\d{2}-\\d{2})\\.json$");
    /** The index files at an export's root: users, channels, groups, DMs, integration logs, canvases... */
    private static final Pattern METADATA = Pattern.compile("^[a-z_]+\\.json$");
    private static final Pattern TS = Pattern.compile("^\\d{9,11}\\.\\d{6}$");
    private static final Pattern MENTION = Pattern.compile("<@([A-Z0-9]+)(?:\\|([^>]+))?>");
    private static final Pattern CHANNEL = Pattern.compile("<#([A-Z0-9]+)(?:\\|([^>]*))?>");
    private static final Pattern SPECIAL = Pattern.compile("<!([a-z]+)(?:\\|([^>]*))?>");
    private static final Pattern LINK = Pattern.compile("<((?:https?|mailto):[^|>]+)(?:\\|([^>]+))?>");
    private static final Set<String> SKIPPED = Set.of("channel_join", "channel_leave", "channel_topic",
            "channel_purpose",
            "channel_name", "channel_archive", "channel_unarchive", "group_join", "group_leave", "group_topic",
            "group_purpose", "group_name", "pinned_item", "unpinned_item", "message_deleted", "tombstone", "bot_add",
            "bot_remove", "channel_convert_to_private", "channel_convert_to_public");

    @Override
    public String format() {
        return "slack-export";
    }

    @Override
    public boolean recognizes(Archive archive) {
        return root(archive).isPresent();
    }

    /**
     * The folder holding users.json/channels.json: the top, or the shallowest folder below it that holds one (an
     * export zipped inside a folder, or kept beside other evidence).
     */
    private static Optional<String> root(Archive archive) {
        String best = null;
        for (SourceFile entry : archive.entries()) {
            String rel = archive.relative(entry);
            String leaf = rel.substring(rel.lastIndexOf('/') + 1);
            if (leaf.equals("channels.json") || leaf.equals("users.json")) {
                String prefix = rel.substring(0, rel.lastIndexOf('/') + 1);
                if (best == null || depth(prefix) < depth(best)) {
                    best = prefix;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static long depth(String prefix) {
        return prefix.chars().filter(c -> c == '/').count();
    }

    /** The export's own files: its index files at its root and its channels' day files. */
    @Override
    public Set<String> parts(Archive archive) {
        Optional<String> root = root(archive);
        Set<String> parts = new HashSet<>();
        for (SourceFile entry : archive.entries()) {
            String rel = archive.relative(entry);
            if (root.isPresent() && rel.startsWith(root.get())) {
                String inside = rel.substring(root.get().length());
                if (METADATA.matcher(inside).matches() || dayFile(inside)) {
                    parts.add(entry.name());
                }
            }
        }
        return parts;
    }

    private static boolean dayFile(String inside) {
        Matcher day = DAY_FILE.matcher(inside);
        return day.matches() && day.group(1) == null;
    }

    @Override
    public int confidence(String fileName, byte[] head) {
        String text = JsonSource.head(head).stripLeading();
        return text.startsWith("[") && JsonSource.hasKey(text, "ts")
                && text.matches("(?s).*\"type\"\\s*:\\s*\"message\".*")
                && fileName.matches(".*\\d{4}-\\d{2}-\\d{2}\\.json$") ? 90 : 0;
    }

    /** A lone day file: the channel is its folder's name; user ids stay ids. */
    @Override
    public void decode(SourceFile file, DecodeContext context, RecordSink sink) throws IOException {
        String path = file.name().replace('\\', '/');
        String withoutFile = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        String channel = withoutFile.substring(withoutFile.lastIndexOf('/') + 1);
        day(file, path.substring(path.lastIndexOf('/') + 1), channel.isEmpty() ? "unknown" : channel, channel, Map.of(),
                context, sink);
    }

    @Override
    public void decode(Archive archive, DecodeContext context, RecordSink sink) throws IOException {
        String root = root(archive)
                .orElseThrow(() -> new SourceDataException("not a Slack export (no users.json or channels.json)"));
        Map<String, String> users = users(archive, root);
        Map<String, String> channelIds = channels(archive, root);
        Set<String> parts = parts(archive);
        for (SourceFile entry : archive.entries()) {
            if (!parts.contains(entry.name())) {
                continue;
            }
            String inside = archive.relative(entry).substring(root.length());
            if (!dayFile(inside)) {
                sink.skipped(entry.name(), "the export's index of " + inside.replace(".json", "")
                        + " (read for names, holds no messages)");
                continue;
            }
            Matcher day = DAY_FILE.matcher(inside);
            day.matches();
            String folder = day.group(2);
            day(entry, inside, channelIds.getOrDefault(folder, folder), folder, users, context, sink);
        }
    }

    private static Map<String, String> users(Archive archive, String root) throws IOException {
        Map<String, String> names = new HashMap<>();
        for (String file : new String[]{"users.json", "org_users.json"}) {
            Optional<SourceFile> entry = archive.entry(root + file);
            if (entry.isPresent()) {
                for (JsonNode user : JsonSource.read(entry.get())) {
                    String id = text(user, "id");
                    String name = displayName(user);
                    if (id != null && name != null) {
                        names.put(id, name);
                    }
                }
            }
        }
        return names;
    }

    /** Folder name to channel id: channels and groups are folders by name, DMs and MPIMs by id. */
    private static Map<String, String> channels(Archive archive, String root) throws IOException {
        Map<String, String> ids = new HashMap<>();
        for (String file : new String[]{"channels.json", "groups.json", "mpims.json", "dms.json"}) {
            Optional<SourceFile> entry = archive.entry(root + file);
            if (entry.isPresent()) {
                for (JsonNode channel : JsonSource.read(entry.get())) {
                    String id = text(channel, "id");
                    String name = text(channel, "name");
                    if (id != null) {
                        ids.put(name != null ? name : id, id);
                    }
                }
            }
        }
        return ids;
    }

    private static void day(SourceFile file, String label, String channelId, String channelName,
            Map<String, String> users,
            DecodeContext context, RecordSink sink) throws IOException {
        JsonNode messages = JsonSource.read(file);
        if (!messages.isArray()) {
            throw new SourceDataException(label + ": expected an array of messages");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String position = file.name() + "#" + i;
            try {
                Event event = decodeMessage(m, position, channelId, channelName, users, context);
                if (event == null) {
                    sink.skipped(position, "subtype " + text(m, "subtype"));
                } else {
                    sink.event(event);
                }
            } catch (SourceDataException e) {
                sink.rejected(position, label + ": entry " + i + ": " + e.getMessage(), JsonSource.bytes(m),
                        Envelope.inArray(label));
            }
        }
    }

    /**
     * One Slack message, from an export or from {@code conversations.history}.
     *
     * @return null for a subtype with no timeline meaning (joins, topic changes)
     * @throws SourceDataException naming what is wrong
     */
    public static @org.jspecify.annotations.Nullable Event decodeMessage(JsonNode m, String position, String channelId,
            String channelName, Map<String, String> users, DecodeContext context) {
        if (!m.isObject()) {
            throw new SourceDataException("is not a message object");
        }
        String subtype = text(m, "subtype");
        if (subtype != null && SKIPPED.contains(subtype)) {
            return null;
        }
        String ts = text(m, "ts");
        if (ts == null || !TS.matcher(ts).matches()) {
            throw new SourceDataException("field ts is not a Slack timestamp" + (ts == null ? "" : ": '" + ts + "'"));
        }
        Instant at = instant(ts);
        Timestamps.requirePlausible(at, ts);
        String author = author(m, users);
        String body = plain(text(m, "text") == null ? "" : text(m, "text"), users).strip();
        if (body.isEmpty() && m.has("blocks")) {
            body = plain(SlackBlocks.text(m.path("blocks")), users);
        }
        StringBuilder text = new StringBuilder(body);
        String attachments = MessageAttachments.text(m.path("attachments"), part -> plain(part, users));
        if (!attachments.isEmpty()) {
            text.append(text.isEmpty() ? "" : "\n").append(attachments);
        }
        for (JsonNode f : m.path("files")) {
            String name = firstNonNull(text(f, "title"), text(f, "name"));
            if (name != null) {
                text.append(text.isEmpty() ? "" : "\n").append("[file: ").append(name).append(']');
            }
        }
        if (text.isEmpty()) {
            throw new SourceDataException("has no text, attachments or files");
        }
        String full = text.toString();
        Event.Builder event = Event.builder("slack", EventKind.CHAT_MESSAGE, at, Titles.firstLine(full))
                .originalTime(ts, ZoneOffset.UTC.getId(), false)
                .text(full)
                .actor(author)
                .label("channel", channelName.isEmpty() ? channelId : "#" + channelName)
                .label("channel_id", channelId)
                .dedupKey(channelId + "/" + ts)
                .raw(JsonSource.raw(position, m, PARSER));
        String thread = text(m, "thread_ts");
        if (thread != null) {
            event.label("thread_ts", thread);
        }
        if (subtype != null) {
            event.label("subtype", subtype);
        }
        if (m.has("edited")) {
            event.label("edited", String.valueOf(text(m.path("edited"), "ts")));
        }
        if (context.provider() != null) {
            event.provider(true).label("provider", context.provider());
        }
        return event.build();
    }

    /** How Slack shows a user: their display name, else their real name, else their handle. */
    static @org.jspecify.annotations.Nullable String displayName(JsonNode user) {
        JsonNode profile = user.path("profile");
        return firstNonNull(text(profile, "display_name"), text(profile, "real_name"), text(user, "real_name"),
                text(user, "name"));
    }

    /** The user ids a message names: its author, a file comment's author, and everyone it mentions. */
    static java.util.Set<String> userIds(JsonNode m) {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        for (String id : new String[]{text(m, "user"), text(m.path("comment"), "user")}) {
            if (id != null) {
                ids.add(id);
            }
        }
        String body = text(m, "text");
        if (body != null) {
            MENTION.matcher(body).results().forEach(r -> ids.add(r.group(1)));
        }
        return ids;
    }

    private static String author(JsonNode m, Map<String, String> users) {
        String user = firstNonNull(text(m, "user"), text(m.path("comment"), "user")); // file_comment: the commenter
        if (user != null) {
            return users.getOrDefault(user, user);
        }
        String bot = firstNonNull(text(m, "username"), text(m.path("bot_profile"), "name"), text(m, "bot_id"));
        return bot == null ? "unknown" : bot;
    }

    /** Slack's markup as a person reads it: mentions by name, links as label and address, entities decoded. */
    static String plain(String slack, Map<String, String> users) {
        String s = MENTION.matcher(slack).replaceAll(r -> "@" + Matcher.quoteReplacement(
                r.group(2) != null ? r.group(2) : users.getOrDefault(r.group(1), r.group(1))));
        s = CHANNEL.matcher(s).replaceAll(r -> "#"
                + Matcher.quoteReplacement(r.group(2) != null && !r.group(2).isEmpty() ? r.group(2) : r.group(1)));
        s = SPECIAL.matcher(s).replaceAll(r -> "@" + Matcher.quoteReplacement(r.group(1)));
        s = LINK.matcher(s).replaceAll(
                r -> Matcher.quoteReplacement(r.group(2) != null ? r.group(2) + " (" + r.group(1) + ")" : r.group(1)));
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    static Instant instant(String ts) {
        BigDecimal seconds = new BigDecimal(ts);
        return Instant.ofEpochSecond(seconds.longValue(),
                seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
