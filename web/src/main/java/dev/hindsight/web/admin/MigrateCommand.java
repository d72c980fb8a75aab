package dev.hindsight.web.admin;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.web.cli.CliContext;
import dev.hindsight.web.cli.DataOption;
import dev.hindsight.web.cli.ExitCodes;
import dev.hindsight.web.cli.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.springframework.util.FileSystemUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "migrate", mixinStandardHelpOptions = true, description = {
        "Copies an embedded data directory's database into an empty PostgreSQL database, then proves the copy: every",
        "table's row count and a SHA-256 over its rows must agree on both sides. Prints {\"verified\": true|false,",
        "\"tables\": N, \"rows\": N, \"mismatched\": [...]}; exits 1 when a table differs.",
        "The password is read from $HINDSIGHT_DB_PASSWORD. Afterwards start the nodes with SPRING_PROFILES_ACTIVE=postgres",
        "and the same URL; each node's search index rebuilds itself from the database (and `reindex` fills OpenSearch",
        "when hindsight.search.engine=opensearch)."})
public class MigrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption dataOption;

    @Option(names = "--to-postgres", required = true, paramLabel = "JDBC_URL", description = "The target, e.g. jdbc:postgresql://db.internal:5432/hindsight (it must hold no tables).")
    String url;

    @Option(names = "--db-user", paramLabel = "USER", defaultValue = "${env:HINDSIGHT_DB_USER:-hindsight}", description = "The target's user (default: $HINDSIGHT_DB_USER, else hindsight).")
    String user;

    @Override
    public Integer call() throws Exception {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new InvalidInputException(
                    "--to-postgres takes a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DB), "
                            + "was " + url);
        }
        String password = System.getenv().getOrDefault("HINDSIGHT_DB_PASSWORD", "");
        try (Connection target = DriverManager.getConnection(url, user, password)) {
            DatabaseCopy.requireEmpty(target);
        } catch (SQLException e) {
            throw new InvalidInputException("cannot reach " + url + " as " + user + ": " + e.getMessage());
        }
        List<DatabaseCopy.TableCheck> checks;
        Path scratch = Files.createTempDirectory("hindsight-migrate-");
        try (CliContext source = CliContext.open(dataOption.resolve());
                // the target's schema, made by the same migrations a node would run
                CliContext target = CliContext.open(scratch, Map.of("spring.datasource.url", url,
                        "spring.datasource.username", user, "spring.datasource.password", password));
                Connection from = source.bean(DataSource.class).getConnection();
                Connection to = target.bean(DataSource.class).getConnection()) {
            checks = DatabaseCopy.copy(from, to);
        } finally {
            deleteQuietly(scratch);
        }
        List<String> mismatched = checks.stream().filter(c -> !c.equal())
                .map(c -> c.table() + " (" + c.sourceRows() + " rows here, " + c.targetRows() + " there)").toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("verified", mismatched.isEmpty());
        out.put("tables", checks.size());
        out.put("rows", checks.stream().mapToLong(DatabaseCopy.TableCheck::sourceRows).sum());
        out.put("mismatched", mismatched);
        Json.print(spec.commandLine().getOut(), out);
        return mismatched.isEmpty() ? 0 : ExitCodes.FAILED;
    }

    private static void deleteQuietly(Path dir) {
        try {
            FileSystemUtils.deleteRecursively(dir);
        } catch (IOException e) {
            // a temporary directory; the OS cleans it up eventually
        }
    }
}
