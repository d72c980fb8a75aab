package dev.hindsight.ingest.internal.files;

import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.EventSink;
import dev.hindsight.ingest.files.FileImports;
import dev.hindsight.ingest.files.ImportOptions;
import dev.hindsight.ingest.files.ImportProgress;
import dev.hindsight.ingest.files.ImportReport;
import dev.hindsight.ingest.internal.registry.SourceRegistry;
import dev.hindsight.ingest.spi.Archive;
import dev.hindsight.ingest.spi.ArchiveDecoder;
import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.spi.SourceDataException;
import dev.hindsight.ingest.spi.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Imports files and folders: detects each file's format, decodes it streaming, and stores events in durable batches.
 * A record that cannot be decoded is rejected with its position and reason and goes to the dead-letter store in the
 * same transaction as its neighbours; a file that cannot be read at all is rejected as a whole. Nothing stops the rest,
 * and every file and every archive entry gets exactly one outcome: an export inside a folder or a zip is read as one,
 * the other entries beside it each on their own, and a zip inside a zip is opened too, {@value #MAX_NESTING} deep.
 */
@Service
public class FileImporter implements FileImports {

    /** Bytes read to detect a format. */
    static final int HEAD_BYTES = 8_192;

    /** Bytes of an unreadable file kept as its dead letter. */
    static final int DEAD_FILE_BYTES = 256 * 1024;

    /** Zips inside zips are opened this deep (the outer one is 1). */
    static final int MAX_NESTING = 3;

    private final EventSink sink;
    private final SourceRegistry formats;

    public FileImporter(EventSink sink, SourceRegistry formats) {
        this.sink = sink;
        this.formats = formats;
    }

    @Override
    public ImportReport importPaths(List<Path> paths, ImportOptions options, Viewer writer,
            ImportProgress.Listener listener) {
        ImportRun run = new ImportRun(options, writer, sink, listener);
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            collect(path, files, run);
        }
        run.filesTotal = files.size();
        run.bytesTotal = files.stream().mapToLong(FileImporter::sizeOf).sum();
        for (Path file : files) {
            importFile(file, run);
        }
        run.endSource();
        run.flush();
        return run.report();
    }

    @Override
    public List<String> formats() {
        return formats.formats();
    }

    @Override
    public boolean knows(String format) {
        return formats.knows(format);
    }

    /** Files to import, in name order; a folder holding an export's index files is one input, wherever it is. */
    private static void collect(Path path, List<Path> files, ImportRun run) {
        if (Files.isSymbolicLink(path)) {
            run.rejectFile(path.toString(), "is a symbolic link; links are not followed", new byte[0]);
        } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> found = new ArrayList<>();
            try {
                Files.walkFileTree(path, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        if (!dir.equals(path) && hidden(dir)) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        if (isExportFolder(dir)) {
                            found.add(dir); // read as one archive, e.g. an unpacked Slack export
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isSymbolicLink()) {
                            run.rejectFile(file.toString(), "is a symbolic link; links are not followed",
                                    new byte[0]);
                        } else if (attrs.isRegularFile() && !hidden(file)) {
                            found.add(file);
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                run.rejectFile(path.toString(), "cannot list the folder: " + e.getMessage(), new byte[0]);
            }
            found.stream().sorted().forEach(files::add);
        } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            files.add(path);
        } else {
            run.rejectFile(path.toString(), Files.exists(path) ? "is not a regular file" : "no such file or folder",
                    new byte[0]);
        }
    }

    /** A folder holding an export's index files, to be read as a whole rather than file by file. */
    private static boolean isExportFolder(Path dir) {
        return Files.isRegularFile(dir.resolve("channels.json")) || Files.isRegularFile(dir.resolve("users.json"));
    }

    /** Dot-files and dot-folders (.DS_Store, .git) are not inputs. */
    private static boolean hidden(Path p) {
        return p.getFileName() != null && p.getFileName().toString().startsWith(".");
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private void importFile(Path path, ImportRun run) {
        String name = run.options.nameOf(path);
        run.startFile(name);
        try {
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                importArchive(new FolderArchive(path, name), run, 1);
                return;
            }
            SourceFile file = new SourceFile(name, Files.size(path), Files.getLastModifiedTime(path).toInstant(),
                    () -> Files.newInputStream(path));
            byte[] head = readHead(file, HEAD_BYTES);
            if (ZipArchive.looksLikeZip(name, head)) {
                importZip(path, file, run, 1);
                return;
            }
            importSource(file, head, run);
        } catch (IOException | UncheckedIOException e) {
            run.rejectFile(name, "cannot read the file: " + e.getMessage(), new byte[0]);
        } finally {
            run.finishFile(sizeOf(path));
        }
    }

    private void importZip(Path path, SourceFile file, ImportRun run, int depth) throws IOException {
        try (ZipArchive zip = ZipArchive.open(path, file.name(), file.modified())) {
            importArchive(zip, run, depth);
        } catch (SourceDataException e) {
            run.rejectFile(file.name(), "archive refused: " + e.getMessage(), new byte[0]);
        }
    }

    /**
     * An archive: the entries of a format that spans several files (a Slack export) through its archive decoder, every
     * other entry on its own.
     */
    private void importArchive(Archive archive, ImportRun run, int depth) throws IOException {
        Optional<ArchiveDecoder> decoder = formats.archiveDecoder(archive, run.options.format());
        Set<String> parts = Set.of();
        if (decoder.isPresent()) {
            parts = decoder.get().parts(archive);
            run.beginSource(new SourceFile(archive.name(), 0, java.time.Instant.EPOCH, InputStream::nullInputStream),
                    decoder.get().format());
            try {
                decoder.get().decode(archive, run.options.context(), run);
                run.inputRead = true;
            } catch (SourceDataException e) {
                run.rejectFile(archive.name(), "not a valid " + decoder.get().format() + " archive: " + e.getMessage(),
                        new byte[0]);
            }
            run.endSource();
        }
        for (SourceFile entry : archive.entries()) {
            if (parts.contains(entry.name())) {
                continue;
            }
            byte[] head;
            try {
                head = readHead(entry, HEAD_BYTES);
            } catch (IOException | SourceDataException e) {
                run.rejectFile(entry.name(), "cannot read the entry: " + e.getMessage(), new byte[0]);
                continue;
            }
            if (ZipArchive.looksLikeZip(entry.name(), head)) {
                importNested(entry, run, depth + 1);
                continue;
            }
            importSource(entry, head, run);
        }
    }

    /** A zip inside an archive: copied out (within the outer archive's limits) and opened like any other. */
    private void importNested(SourceFile entry, ImportRun run, int depth) {
        if (depth > MAX_NESTING) {
            run.rejectFile(entry.name(), "zips nested more than " + MAX_NESTING + " deep are not opened; unpack it"
                    + " and import it on its own", new byte[0]);
            return;
        }
        if (!run.spendNested(entry.size())) {
            run.rejectFile(entry.name(), "the nested archives of this import expand to more than "
                    + ZipArchive.MAX_TOTAL_BYTES + " bytes; unpack them and import them on their own", new byte[0]);
            return;
        }
        Path copy = null;
        try {
            copy = Files.createTempFile("hindsight-nested-", ".zip");
            try (InputStream in = entry.open()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            importZip(copy, entry, run, depth);
        } catch (IOException | UncheckedIOException | SourceDataException e) {
            run.rejectFile(entry.name(), "cannot read the nested archive: " + e.getMessage(), new byte[0]);
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException e) {
                    copy.toFile().deleteOnExit();
                }
            }
        }
    }

    /** One file or archive entry: detect (or take the forced format), decode, count. */
    private void importSource(SourceFile file, byte[] head, ImportRun run) {
        String forced = run.options.format();
        String leaf = file.name().substring(Math.max(file.name().lastIndexOf('/'), file.name().lastIndexOf('#')) + 1);
        FormatDecoder decoder = forced != null
                ? formats.byName(forced).orElse(null)
                : formats.detect(leaf, head).orElse(null);
        if (decoder == null) {
            run.rejectFile(file.name(), forced != null
                    ? "format " + forced + " reads archives only, and this is a single file"
                    : "cannot tell the format of this file (known formats: " + String.join(", ", formats.formats())
                            + "); name one with --format",
                    head);
            return;
        }
        run.beginSource(file, decoder.format());
        try {
            decoder.decode(file, run.options.context(), run);
            run.inputRead = true;
        } catch (SourceDataException e) {
            run.rejectFile(file.name(), "not a valid " + decoder.format() + " file: " + e.getMessage(), safeHead(file));
        } catch (IOException | UncheckedIOException e) {
            run.rejectFile(file.name(), "reading failed: " + e.getMessage(), safeHead(file));
        }
        run.endSource();
    }

    private static byte[] readHead(SourceFile file, int bytes) throws IOException {
        try (InputStream in = file.open()) {
            return in.readNBytes(bytes);
        }
    }

    private static byte[] safeHead(SourceFile file) {
        try {
            return readHead(file, DEAD_FILE_BYTES);
        } catch (IOException | SourceDataException e) {
            return new byte[0];
        }
    }
}
