package dev.hindsight.samples;

import dev.hindsight.samples.SampleIncident.SampleFile;
import java.time.Instant;
import java.util.List;

/** The samples Hindsight loads on its first start. */
public final class SampleIncidents {

    /**
     * The LastPass outage of 12 August 2014: a data-center provider's network failure (BGP routing table overflow),
     * failover to the second data center, spare machines saturating at 100 Mbps, a logout bug, delayed communication.
     */
    public static final SampleIncident LASTPASS_2014 = new SampleIncident(
            "LP-2014-08-12",
            "LastPass: data center network failure, failover and degraded service",
            "SEV1",
            Instant.parse("2014-08-12T07:30:00Z"),
            Instant.parse("2014-08-13T01:00:00Z"),
            "alex",
            "America/New_York",
            List.of(
                    new SampleFile("#lastpass-ops.log", true, null),
                    new SampleFile("pagerduty-log-entries.json", true, null),
                    new SampleFile("status-page-incidents.json", true, null),
                    new SampleFile("changes.jsonl", true, null),
                    new SampleFile("northwind-noc.mbox", true, "Northwind Hosting"),
                    new SampleFile("nagios.log", false, null),
                    new SampleFile("syslog-web-2014-08-12.log", false, null),
                    new SampleFile("support-tickets.csv", false, null)));

    /** A bad deploy of the checkout service, rolled back within half an hour. */
    public static final SampleIncident CHECKOUT_2026 = new SampleIncident(
            "CHK-2026-03-10",
            "Checkout errors after deploy 4512, rolled back",
            "SEV2",
            Instant.parse("2026-03-10T14:00:00Z"),
            Instant.parse("2026-03-10T15:00:00Z"),
            "jordan",
            "UTC",
            List.of(
                    new SampleFile("alertmanager-notifications.json", true, null),
                    new SampleFile("pagerduty-webhooks.json", true, null),
                    new SampleFile("mattermost-export.jsonl", true, null),
                    new SampleFile("status-page-incidents.json", true, null),
                    new SampleFile("deploys.jsonl", true, null)));

    public static final List<SampleIncident> ALL = List.of(LASTPASS_2014, CHECKOUT_2026);

    private SampleIncidents() {}
}
