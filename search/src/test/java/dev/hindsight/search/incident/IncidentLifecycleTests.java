package dev.hindsight.search.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.error.NotFoundException;
import dev.hindsight.core.incident.IncidentStatus;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.search.SearchTestApplication;
import dev.hindsight.search.TestH2;
import dev.hindsight.search.timeline.Timelines;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** An incident's life: changed field by field, every change recorded and on its timeline, nonsense refused. */
@SpringBootTest(classes = SearchTestApplication.class)
class IncidentLifecycleTests {

    static final Instant T0 = Instant.parse("2024-03-10T08:00:00Z");
    static final Viewer ALEX = new Viewer("alex", false);

    @Autowired
    IncidentCatalog catalog;

    @Autowired
    IncidentLifecycle lifecycle;

    @Autowired
    Timelines timelines;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        TestH2.register(registry, "hindsight-lifecycle-");
    }

    private String declare(String key) {
        catalog.create(new NewIncident(key, key, T0, T0.plusSeconds(3600), Severity.SEV3, null, "alex", false,
                Set.of()), Viewer.LOCAL_ADMIN);
        return key;
    }

    @Test
    void aChangeAppliesWhatItNamesAndRecordsEachFieldWithItsAuthor() {
        String key = declare("LIFE-1");

        IncidentDetails changed = lifecycle.update(key, new IncidentUpdate("Checkout errors after deploy",
                Severity.SEV1, IncidentStatus.IDENTIFIED, "A bad config reached checkout.", null, null, null, "sam",
                null, "payments", "deploy", Set.of("checkout"), Set.of("config", "customer-facing"), Set.of("sam")),
                ALEX);

        assertThat(changed.incident().title()).isEqualTo("Checkout errors after deploy");
        assertThat(changed.incident().severity()).isEqualTo(Severity.SEV1);
        assertThat(changed.incident().status()).isEqualTo(IncidentStatus.IDENTIFIED);
        assertThat(changed.incident().commander()).isEqualTo("alex"); // not named: unchanged
        assertThat(changed.tags()).containsExactlyInAnyOrder("config", "customer-facing");
        assertThat(lifecycle.changes(key, ALEX, 50)).extracting(IncidentChange::field)
                .containsExactlyInAnyOrder("title", "severity", "status", "summary", "scribe", "team",
                        "causeCategory", "services", "tags", "participants");
        assertThat(lifecycle.changes(key, ALEX, 50)).allSatisfy(c -> assertThat(c.actor()).isEqualTo("alex"));
        assertThat(timelines.timeline(key, ALEX).entries()).anySatisfy(e -> {
            assertThat(e.title()).startsWith("Status: Investigating → Identified");
            assertThat(e.source()).isEqualTo("manual");
        });
    }

    @Test
    void closingAndReopeningAreChangesOfStatusAndTheEarlierNamesStillRead() {
        String key = declare("LIFE-2");

        lifecycle.update(key, IncidentUpdate.status(IncidentStatus.CLOSED), ALEX);
        assertThat(lifecycle.details(key, ALEX).incident().status()).isEqualTo(IncidentStatus.CLOSED);
        lifecycle.update(key, IncidentUpdate.status(IncidentStatus.parse("active")), ALEX);

        assertThat(lifecycle.details(key, ALEX).incident().status()).isEqualTo(IncidentStatus.INVESTIGATING);
        assertThat(lifecycle.changes(key, ALEX, 10)).extracting(IncidentChange::to)
                .containsExactly("INVESTIGATING", "CLOSED");
        assertThat(IncidentStatus.parse("MITIGATED")).isEqualTo(IncidentStatus.MONITORING);
        assertThatThrownBy(() -> IncidentStatus.parse("DONE")).isInstanceOf(InvalidInputException.class)
                .hasMessage("status 'DONE' is not one of INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED, CLOSED");
    }

    @Test
    void nonsenseIsRefusedWithItsReasonAndChangesNothing() {
        String key = declare("LIFE-3");

        assertThatThrownBy(() -> lifecycle.update(key, window(Instant.parse("-999999999-01-01T00:00:00Z"), null),
                ALEX)).isInstanceOf(InvalidInputException.class).hasMessageContaining("between 1990 and 2100");
        assertThatThrownBy(() -> lifecycle.update(key, window(T0.plusSeconds(7200), T0), ALEX))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("the window must end after it starts");
        assertThatThrownBy(() -> lifecycle.update(key, new IncidentUpdate(" ", null, null, null, null, null, null,
                null, null, null, null, null, null, null), ALEX)).isInstanceOf(InvalidInputException.class)
                .hasMessage("'title' may not be empty");
        assertThatThrownBy(() -> catalog.create(new NewIncident("LIFE-4", "t", Instant.parse("1000-01-01T00:00:00Z"),
                T0, Severity.SEV3, null, null, false, Set.of()), Viewer.LOCAL_ADMIN))
                .isInstanceOf(InvalidInputException.class);

        assertThat(lifecycle.changes(key, ALEX, 10)).isEmpty();
        assertThat(lifecycle.details(key, ALEX).incident().from()).isEqualTo(T0);
    }

    @Test
    void aRestrictedIncidentCannotBeChangedByWhoCannotSeeIt() {
        catalog.create(new NewIncident("LIFE-SEC", "t", T0, T0.plusSeconds(60), Severity.SEV2, null, "carol", true,
                Set.of("carol")), Viewer.LOCAL_ADMIN);

        assertThatThrownBy(() -> lifecycle.update("LIFE-SEC", IncidentUpdate.status(IncidentStatus.CLOSED), ALEX))
                .isInstanceOf(NotFoundException.class).hasMessage("no incident LIFE-SEC");
    }

    private static IncidentUpdate window(Instant from, Instant to) {
        return new IncidentUpdate(null, null, null, null, from, to, null, null, null, null, null, null, null, null);
    }
}
