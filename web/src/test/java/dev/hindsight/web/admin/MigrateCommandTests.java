package dev.hindsight.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.HindsightApplication;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.EventSearch;
import dev.hindsight.core.store.SearchQuery;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.incident.NewIncident;
import dev.hindsight.web.cli.CliRunner;
import dev.hindsight.web.support.TestPorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Moving an installation: an embedded data directory is copied into an empty PostgreSQL (a real server from embedded
 * binaries), the copy is proved table by table, a second copy into the now full database is refused, and an
 * application started on PostgreSQL finds what the embedded one held.
 */
class MigrateCommandTests {

    @Test
    void anEmbeddedDataDirectoryMovesIntoAnEmptyPostgresAndIsProvedEqual(@TempDir Path data, @TempDir Path node)
            throws Exception {
        // incidents with post-mortems, action items, history and events: most tables hold rows
        CliRunner.Result generated = CliRunner.run("generate-year", "--incidents", "6", "--events", "2000", "--data",
                data.toString());
        assertThat(generated.exit()).as(generated.err()).isZero();
        CliRunner.Result before = CliRunner.run("search", "*", "--limit", "1", "--data", data.toString());
        long events = JsonMapper.builder().build().readTree(before.out()).path("total").asLong();
        assertThat(events).isGreaterThan(2000);
        int incidentsBefore = JsonMapper.builder().build()
                .readTree(CliRunner.run("incident", "list", "--data", data.toString()).out()).size();
        assertThat(incidentsBefore).isGreaterThanOrEqualTo(6);

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(TestPorts.free()).start()) {
            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
            CliRunner.Result moved = CliRunner.run("migrate", "--data", data.toString(), "--to-postgres", url,
                    "--db-user", "postgres");
            assertThat(moved.exit()).as(moved.out() + moved.err()).isZero();
            JsonNode report = JsonMapper.builder().build().readTree(moved.out());
            assertThat(report.path("verified").asBoolean()).isTrue();
            assertThat(report.path("mismatched")).isEmpty();
            assertThat(report.path("rows").asLong()).isGreaterThan(events);

            CliRunner.Result again = CliRunner.run("migrate", "--data", data.toString(), "--to-postgres", url,
                    "--db-user", "postgres");
            assertThat(again.exit()).isEqualTo(2);
            assertThat(again.err()).contains("the target database is not empty");

            try (ConfigurableApplicationContext onPostgres = new SpringApplicationBuilder(HindsightApplication.class)
                    .web(WebApplicationType.NONE)
                    .run("--hindsight.data=" + node, "--spring.datasource.url=" + url,
                            "--spring.datasource.username=postgres", "--spring.datasource.password=",
                            "--hindsight.mode=cli", "--logging.level.root=WARN")) {
                EventSearch search = onPostgres.getBean(EventSearch.class);
                assertThat(search.search(SearchQuery.text("*", 1), Viewer.LOCAL_ADMIN).total()).isEqualTo(events);
                IncidentCatalog incidents = onPostgres.getBean(IncidentCatalog.class);
                assertThat(incidents.list(Viewer.LOCAL_ADMIN)).hasSize(incidentsBefore);
                // new rows take ids after the copied ones: a new incident's history row does not collide
                JdbcTemplate jdbc = onPostgres.getBean(JdbcTemplate.class);
                long changes = jdbc.queryForObject("select count(*) from incident_change", Long.class);
                incidents.create(new NewIncident("MOVED-1", "after the move", Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2026-01-01T01:00:00Z"), Severity.SEV3, null, null, false, Set.of()),
                        Viewer.LOCAL_ADMIN);
                assertThat(incidents.list(Viewer.LOCAL_ADMIN)).hasSize(incidentsBefore + 1);
                assertThat(jdbc.queryForObject("select count(*) from incident_change", Long.class))
                        .isGreaterThanOrEqualTo(changes);
            }
        }
    }
}
