package dev.hindsight.ingest.source;

import dev.hindsight.ingest.internal.registry.SourceRegistry;
import dev.hindsight.ingest.source.pagerduty.PagerDutyWebhookSettings;
import dev.hindsight.ingest.spi.SourceFamily;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.ClassPathBeanDefinitionScanner;
import org.springframework.core.type.filter.AssignableTypeFilter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Test inputs: the fixture folders, plus the binary ones (a Slack export zip, an RFO PDF) made here. */
public final class Fixtures {

    private Fixtures() {}

    /** Every source family of this module, found and wired as the application finds them. */
    public static synchronized SourceRegistry registry() {
        if (registry == null) {
            AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
            context.registerBean(PagerDutyWebhookSettings.class, () -> new PagerDutyWebhookSettings(List.of("s3cret")));
            context.registerBean(SourceRegistry.class);
            ClassPathBeanDefinitionScanner scanner = new ClassPathBeanDefinitionScanner(context, false);
            scanner.addIncludeFilter(new AssignableTypeFilter(SourceFamily.class));
            scanner.scan("dev.hindsight.ingest");
            context.refresh();
            registry = context.getBean(SourceRegistry.class);
        }
        return registry;
    }

    private static SourceRegistry registry;

    public static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a resource folder to {@code target}. */
    public static void copy(String folder, Path target) throws IOException {
        Path source = resource(folder);
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }

    /** A Slack export as Slack zips it: users, channels, a day of #ops with a thread, a bot, a join and a broken ts. */
    public static void slackExport(Path zip) throws IOException {
        zip(zip, Map.of(
                "users.json",
                """
                        [{"id":"U01MARIA","team_id":"T1","name":"maria","real_name":"Maria Chen","profile":{"real_name":"Maria Chen","display_name":"maria"}},
                         {"id":"U02SAM","team_id":"T1","name":"sam","real_name":"Sam Ortiz","profile":{"real_name":"Sam Ortiz","display_name":""}}]
                        """,
                "channels.json",
                """
                        [{"id":"C0OPS","name":"ops","created":1400000000,"creator":"U01MARIA","is_archived":false,"is_general":false,
                          "members":["U01MARIA","U02SAM"],"topic":{"value":"","creator":"","last_set":0},"purpose":{"value":"","creator":"","last_set":0}}]
                        """,
                "ops/2014-08-12.json",
                """
                        [
                         {"type":"message","subtype":"bot_message","ts":"1407829812.000200","bot_id":"B01ALERTS","username":"Nagios","text":"",
                          "attachments":[{"fallback":"CRITICAL: edge1.dc-east Upstream ping","color":"danger"}]},
                         {"client_msg_id":"6f0c","type":"message","user":"U01MARIA","ts":"1407829860.000400","text":"<@U02SAM> dc-east is dark, can you call the provider? see <https://status.example.com|status>",
                          "thread_ts":"1407829860.000400","reply_count":1,"reply_users":["U02SAM"]},
                         {"type":"message","user":"U02SAM","ts":"1407829922.000600","thread_ts":"1407829860.000400","parent_user_id":"U01MARIA","text":"on it &amp; opening a ticket"},
                         {"type":"message","subtype":"channel_join","user":"U02SAM","ts":"1407829930.000700","text":"<@U02SAM> has joined the channel"},
                         {"type":"message","user":"U02SAM","ts":"yesterday","text":"broken timestamp"}
                        ]
                        """));
    }

    public static void zip(Path zip, Map<String, String> entries) throws IOException {
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
            for (Map.Entry<String, String> e : entries.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .toList()) {
                out.putArchiveEntry(new ZipArchiveEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeArchiveEntry();
            }
        }
    }

    /** A one-page RFO PDF with a creation date. */
    public static void rfoPdf(Path pdf, List<String> lines) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                cs.newLineAtOffset(50, 720);
                for (String line : lines) {
                    cs.showText(line);
                    cs.newLineAtOffset(0, -16);
                }
                cs.endText();
            }
            Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
            created.clear();
            created.set(2014, Calendar.AUGUST, 15, 9, 30, 0);
            doc.getDocumentInformation().setCreationDate(created);
            try (OutputStream out = Files.newOutputStream(pdf)) {
                doc.save(out);
            }
        }
    }
}
