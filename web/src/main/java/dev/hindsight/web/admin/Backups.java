package dev.hindsight.web.admin;

import dev.hindsight.core.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Backs up the database, the source of truth: H2's {@code BACKUP TO} copies a consistent snapshot while writes go on,
 * so a backup taken under ingest holds whole batches only. The index is not copied: it is rebuilt from the rows on
 * restore, and {@code check} proves the two agree. PostgreSQL deployments back up with their own tools (pg_dump).
 */
@Service
public class Backups {

    public static final String DATABASE_FILE = "hindsight-db.zip";
    public static final String MANIFEST_FILE = "manifest.json";
    /** H2's files inside its backup: the database file and nothing else. */
    static final Pattern H2_FILE = Pattern.compile("[A-Za-z0-9._-]+\\.mv\\.db");
    static final long MAX_ENTRY_BYTES = 64L * 1024 * 1024 * 1024;

    /** What a backup holds, written beside it. */
    public record Manifest(String format, Instant createdAt, long events, long lastSequence, long incidents,
            String database) {}

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final Clock clock;
    private final JsonMapper json;

    Backups(JdbcTemplate jdbc, DataSource dataSource, Clock clock, JsonMapper json) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.clock = clock;
        this.json = json;
    }

    /** Writes a backup into {@code target}, which must be empty or not exist yet. */
    public Manifest backup(Path target) throws IOException {
        String product = jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName());
        if (product == null || !product.toLowerCase(Locale.ROOT).contains("h2")) {
            throw new IllegalStateException(
                    "backup covers the embedded H2 database; back up " + product + " with its own tools (pg_dump)");
        }
        if (Files.exists(target) && (!Files.isDirectory(target) || Files.list(target).findAny().isPresent())) {
            throw new InvalidInputException(target + " is not an empty directory; give a new or empty one");
        }
        Files.createDirectories(target);
        Path zip = target.toAbsolutePath().resolve(DATABASE_FILE);
        if (zip.toString().contains("'")) {
            throw new InvalidInputException("the backup path may not contain a quote: " + target);
        }
        // counts first, then the snapshot: the snapshot holds at least what they report
        long events = count("select count(*) from event");
        long lastSequence = count("select coalesce(max(seq), 0) from event");
        long incidents = count("select count(*) from incident");
        jdbc.execute("BACKUP TO '" + zip + "'");
        Manifest manifest = new Manifest("hindsight-backup/1", clock.instant(), events, lastSequence, incidents,
                product);
        Files.writeString(target.resolve(MANIFEST_FILE),
                json.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
        return manifest;
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    /**
     * Unpacks a backup's database into an empty data directory (before the application starts on it). Only H2
     * database files are taken from the archive, by plain names; anything else in it is refused.
     */
    public static Map<String, Object> restore(Path backup, Path data) throws IOException {
        Path zip = backup.resolve(DATABASE_FILE);
        if (!Files.isRegularFile(zip)) {
            throw new InvalidInputException(backup + " holds no " + DATABASE_FILE + "; is it a Hindsight backup?");
        }
        Path db = data.resolve("db");
        if (Files.isDirectory(db) && Files.list(db).findAny().isPresent()) {
            throw new InvalidInputException(
                    data + " already holds a database; restore into a new or empty data directory");
        }
        Files.createDirectories(db);
        int files = 0;
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null;) {
                if (entry.isDirectory() || !H2_FILE.matcher(entry.getName()).matches()) {
                    throw new InvalidInputException(
                            "the backup holds an unexpected entry '" + entry.getName() + "'; refusing to restore it");
                }
                Path out = db.resolve(entry.getName());
                long copied = Files.copy(new BoundedStream(entries, MAX_ENTRY_BYTES), out,
                        StandardCopyOption.REPLACE_EXISTING);
                files++;
                if (copied == 0) {
                    throw new InvalidInputException("the backup's " + entry.getName() + " is empty");
                }
            }
        }
        if (files == 0) {
            throw new InvalidInputException(zip + " holds no database file");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("restoredFiles", files);
        Path manifest = backup.resolve(MANIFEST_FILE);
        if (Files.isRegularFile(manifest)) {
            result.put("manifest", JsonMapper.builder().build().readTree(Files.readString(manifest)));
        }
        return result;
    }

    /** Reads at most `limit` bytes: a forged archive cannot fill the disk. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, (int) Math.min(len, left + 1));
            if (n > 0 && (left -= n) < 0) {
                throw new UncheckedIOException(
                        new IOException("a backup entry is larger than " + MAX_ENTRY_BYTES + " bytes"));
            }
            return n;
        }
    }
}
