package dev.hindsight.web.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data DIR} option every command takes. */
public class DataOption {

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory holding the database and the index (default: $HINDSIGHT_DATA, else ./data).")
    Path data;

    public Path resolve() {
        if (data != null) {
            return data.toAbsolutePath().normalize();
        }
        String env = System.getenv("HINDSIGHT_DATA");
        return Path.of(env == null || env.isBlank() ? "data" : env).toAbsolutePath().normalize();
    }
}
