package dev.hindsight.web.cli;

import dev.hindsight.HindsightApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application without its web server, for one command: locks the data directory, starts the store (migrations,
 * index catch-up), and closes both when the command is done.
 */
public final class CliContext implements AutoCloseable {

    private final DataDirectory directory;
    private final ConfigurableApplicationContext context;

    private CliContext(DataDirectory directory, ConfigurableApplicationContext context) {
        this.directory = directory;
        this.context = context;
    }

    public static CliContext open(Path data) {
        return open(data, Map.of());
    }

    /** As {@link #open(Path)}, with settings of its own (e.g. another database, for {@code migrate}). */
    public static CliContext open(Path data, Map<String, String> settings) {
        DataDirectory directory;
        try {
            directory = DataDirectory.lock(data).orElseThrow(() -> new DataDirectoryBusyException(data));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the data directory " + data + ": " + e.getMessage(), e);
        }
        try {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(HindsightApplication.class)
                    .web(WebApplicationType.NONE)
                    .bannerMode(Banner.Mode.OFF)
                    .logStartupInfo(false)
                    .run(arguments(directory.path(), settings));
            return new CliContext(directory, context);
        } catch (RuntimeException e) {
            try {
                directory.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Settings of a command run, passed as command-line arguments so that they override application.properties:
     * this data directory, quiet logs (stdout is for JSON).
     */
    static String[] arguments(Path data, Map<String, String> settings) {
        Map<String, Object> props = new LinkedHashMap<>(settings);
        props.put("hindsight.data", data.toString());
        props.put("hindsight.mode", "cli");
        props.put("logging.level.root", "WARN");
        props.put("logging.level.org.flywaydb", "ERROR");
        props.put("logging.level.dev.hindsight", "INFO");
        // Lucene suggests --add-modules jdk.incubator.vector; a command is too short-lived to profit from it
        props.put("logging.level.org.apache.lucene.internal.vectorization", "ERROR");
        return props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            try {
                directory.close();
            } catch (IOException e) {
                // the OS releases the lock at exit anyway
            }
        }
    }
}
