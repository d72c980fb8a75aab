package dev.hindsight.web.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tokens {@code hindsight login} keeps, per server, in {@code $XDG_CONFIG_HOME/hindsight/credentials.json} (else
 * {@code ~/.config/...}; the system property {@code hindsight.config} names another folder), readable by the user
 * only. {@code HINDSIGHT_TOKEN} always wins.
 */
public final class Credentials {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Credentials() {}

    public static @Nullable String tokenFor(String server) {
        String env = System.getenv("HINDSIGHT_TOKEN");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        return stored().get(key(server));
    }

    public static Path file() {
        String configured = System.getProperty("hindsight.config");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).resolve("credentials.json");
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path config = xdg == null || xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".config") : Path.of(xdg);
        return config.resolve("hindsight").resolve("credentials.json");
    }

    /** Keeps the token for the server; the file is created readable by its owner only. */
    public static void store(String server, String token) {
        Map<String, String> all = new LinkedHashMap<>(stored());
        all.put(key(server), token);
        Path file = file();
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("credentials.json.tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);
            }
            Files.write(tmp, JSON.writeValueAsBytes(all));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> stored() {
        Path file = file();
        if (!Files.isReadable(file)) {
            return Map.of();
        }
        try {
            return JSON.readValue(Files.readAllBytes(file), new TypeReference<Map<String, String>>() {
            });
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    private static String key(String server) {
        String s = server.strip();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
