package dev.hindsight.ingest.internal.files;

import dev.hindsight.ingest.spi.Archive;
import dev.hindsight.ingest.spi.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** An unpacked export (a folder) seen as an archive; links are not followed. */
final class FolderArchive implements Archive {

    private final Path root;
    private final String name;
    private final List<SourceFile> entries;

    FolderArchive(Path root, String name) throws IOException {
        this.root = root;
        this.name = name;
        try (Stream<Path> walk = Files.walk(root)) {
            this.entries = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !ZipArchive.hidden(root.relativize(p).toString().replace('\\', '/')))
                    .sorted()
                    .map(this::file)
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private SourceFile file(Path p) {
        try {
            return new SourceFile(name + "#" + root.relativize(p).toString().replace('\\', '/'), Files.size(p),
                    Files.getLastModifiedTime(p).toInstant(), () -> Files.newInputStream(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<SourceFile> entries() {
        return entries;
    }
}
