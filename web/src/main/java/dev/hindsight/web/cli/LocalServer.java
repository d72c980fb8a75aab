package dev.hindsight.web.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * A server running on a data directory leaves its address and a token for local commands there, readable by the
 * directory's owner only (who could read the database anyway): a command finding the directory held asks that server
 * instead of stopping.
 */
public record LocalServer(String url, String token) {

    /** The file, in the data directory, holding the server's address on its first line and the token on its second. */
    public static final String FILE = "server.local";

    public static Optional<LocalServer> of(Path data) {
        Path file = data.resolve(FILE);
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        try {
            var lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.size() < 2 ? Optional.empty() : Optional.of(new LocalServer(lines.get(0), lines.get(1)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Written by the server once it listens; only its owner may read it. */
    public void write(Path data) {
        Path file = data.resolve(FILE);
        Path tmp = data.resolve(FILE + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, url + "\n" + token + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static void remove(Path data) {
        try {
            Files.deleteIfExists(data.resolve(FILE));
        } catch (IOException e) {
            // the next start overwrites it; a stale one only points at a server that does not answer
        }
    }
}
