package dev.hindsight.ingest.internal.files;

import dev.hindsight.ingest.spi.Archive;
import dev.hindsight.ingest.spi.SourceDataException;
import dev.hindsight.ingest.spi.SourceFile;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * A zip read in place, never extracted. Opening checks every entry and refuses the whole archive, naming the entry,
 * when one escapes it (zip slip), is a link, repeats a name, or promises absurd sizes or ratios (zip bombs); reading
 * an entry stops at its declared size, so an archive that lies about sizes cannot inflate past the limits either.
 */
final class ZipArchive implements Archive, AutoCloseable {

    static final int MAX_ENTRIES = 20_000;
    static final long MAX_ENTRY_BYTES = 1L << 30;
    static final long MAX_TOTAL_BYTES = 4L << 30;
    /** Uncompressed/compressed ratio above which an entry is treated as a bomb, whatever its size. */
    static final long MAX_RATIO = 200;

    private final String name;
    private final ZipFile zip;
    private final List<SourceFile> entries;

    private ZipArchive(String name, ZipFile zip, List<SourceFile> entries) {
        this.name = name;
        this.zip = zip;
        this.entries = entries;
    }

    static boolean looksLikeZip(String fileName, byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4
                || fileName.toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    /** Opens and checks the archive; a refused archive throws with the reason. */
    static ZipArchive open(Path path, String name, Instant modified) throws IOException {
        ZipFile zip;
        try {
            zip = ZipFile.builder().setPath(path).get();
        } catch (IOException e) {
            throw new SourceDataException("not a readable zip archive: " + e.getMessage(), e);
        }
        try {
            List<SourceFile> entries = check(zip, name, modified);
            return new ZipArchive(name, zip, entries);
        } catch (RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    private static List<SourceFile> check(ZipFile zip, String name, Instant modified) {
        List<SourceFile> files = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long total = 0;
        int count = 0;
        for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
            if (++count > MAX_ENTRIES) {
                throw new SourceDataException("has more than " + MAX_ENTRIES + " entries");
            }
            String entryName = entry.getName();
            if (!safeName(entryName)) {
                throw new SourceDataException("entry '" + entryName + "' would escape the archive (zip slip)");
            }
            if (entry.isUnixSymlink()) {
                throw new SourceDataException("entry '" + entryName + "' is a symbolic link");
            }
            if (!seen.add(entryName)) {
                throw new SourceDataException("entry '" + entryName + "' appears twice");
            }
            if (entry.isDirectory() || hidden(entryName)) {
                continue;
            }
            long size = entry.getSize();
            long compressed = entry.getCompressedSize();
            if (size < 0) {
                throw new SourceDataException("entry '" + entryName + "' does not declare its size");
            }
            if (size > MAX_ENTRY_BYTES) {
                throw new SourceDataException("entry '" + entryName + "' is " + size
                        + " bytes uncompressed; the limit is " + MAX_ENTRY_BYTES);
            }
            if (compressed > 0 && size / compressed > MAX_RATIO) {
                throw new SourceDataException(
                        "entry '" + entryName + "' expands " + (size / compressed) + " times (zip bomb)");
            }
            total += size;
            if (total > MAX_TOTAL_BYTES) {
                throw new SourceDataException("expands to more than " + MAX_TOTAL_BYTES + " bytes");
            }
            Instant time = entry.getLastModifiedTime() == null ? modified : entry.getLastModifiedTime().toInstant();
            files.add(new SourceFile(name + "#" + entryName, size, time,
                    () -> new Bounded(zip.getInputStream(entry), size, entryName)));
        }
        files.sort(java.util.Comparator.comparing(SourceFile::name));
        return List.copyOf(files);
    }

    /** Relative, no parent references, no drive letters or backslashes, no control characters. */
    static boolean safeName(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains("\0")
                || name.matches("^[A-Za-z]:.*")) {
            return false;
        }
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                return false;
            }
        }
        return name.chars().noneMatch(c -> c < 0x20);
    }

    /** macOS resource forks and dot-files are not inputs. */
    static boolean hidden(String name) {
        return name.startsWith("__MACOSX/") || name.substring(name.lastIndexOf('/') + 1).startsWith(".");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<SourceFile> entries() {
        return entries;
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    /** Stops an entry at its declared size: a zip that lies about sizes is refused, not believed. */
    private static final class Bounded extends FilterInputStream {
        private final long limit;
        private final String entry;
        private long read;

        Bounded(InputStream in, long limit, String entry) {
            super(in);
            this.limit = limit;
            this.entry = entry;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) {
            read += n;
            if (read > limit) {
                throw new SourceDataException("entry '" + entry + "' holds more bytes than it declares");
            }
        }
    }
}
