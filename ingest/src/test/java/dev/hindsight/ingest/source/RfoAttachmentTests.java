package dev.hindsight.ingest.source;

import dev.hindsight.core.incident.Viewer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.store.InMemoryEventSink;
import dev.hindsight.ingest.internal.files.FileImporter;
import dev.hindsight.ingest.files.ImportOptions;
import dev.hindsight.ingest.files.ImportProgress;
import jakarta.activation.DataHandler;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An RFO e-mail whose formal report is an attached PDF: the PDF's text and stated times are read too. */
class RfoAttachmentTests {

    @TempDir
    Path dir;

    @Test
    void thePdfAttachmentsTextAndTimesBelongToTheNotice() throws Exception {
        Path pdf = dir.resolve("report.pdf");
        Fixtures.rfoPdf(pdf,
                List.of("Reason For Outage", "Case Number: RFO-2014-0812", "Outage Start: 2014-08-12 07:55 UTC",
                        "Cause Identified: 2014-08-12 14:00 UTC", "Service Restored: 2014-08-12 20:15 UTC"));
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setFrom("NOC <noc@dc-provider.example>");
        mail.setSubject("Final RFO for case RFO-2014-0812");
        mail.setSentDate(Date.from(java.time.Instant.parse("2014-08-15T12:00:00Z")));
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Please find the RFO attached.", "utf-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(Files.readAllBytes(pdf), "application/pdf")));
        attachment.setFileName("RFO-2014-0812.pdf");
        mail.setContent(new MimeMultipart(text, attachment));
        mail.saveChanges();
        try (OutputStream out = Files.newOutputStream(dir.resolve("final-rfo.eml"))) {
            mail.writeTo(out);
        }
        Files.delete(pdf);
        InMemoryEventSink sink = new InMemoryEventSink();

        new FileImporter(sink, Fixtures.registry()).importPaths(List.of(dir), ImportOptions.defaults(),
                Viewer.LOCAL_ADMIN,
                ImportProgress.Listener.NONE);

        Event notice = sink.events().get(0);
        assertThat(notice.text()).contains("Please find the RFO attached.").contains("[attachment RFO-2014-0812.pdf]")
                .contains("Cause Identified");
        assertThat(notice.labels())
                .containsEntry("stated.impactStart", "2014-08-12T07:55:00Z")
                .containsEntry("stated.identified", "2014-08-12T14:00:00Z")
                .containsEntry("stated.impactEnd", "2014-08-12T20:15:00Z")
                .containsEntry("ticket", "RFO-2014-0812");
    }

    @Test
    void aDamagedPdfIsARejectionOfItsOwnAndTheMessageIsKeptInItsSendersZone() throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setFrom("NOC <noc@dc-provider.example>");
        mail.setSubject("RFO for ticket 884213");
        mail.setHeader("Date", "Fri, 15 Aug 2014 08:00:00 -0400");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Outage Start: 2014-08-12 07:55 UTC\nService Restored: 2014-08-12 20:15 UTC", "utf-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(
                "%PDF-1.4 this file was cut off in transit".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                "application/pdf")));
        attachment.setFileName("RFO-884213.pdf");
        mail.setContent(new MimeMultipart(text, attachment));
        try (OutputStream out = Files.newOutputStream(dir.resolve("rfo.eml"))) {
            mail.writeTo(out);
        }
        InMemoryEventSink sink = new InMemoryEventSink();

        var report = new FileImporter(sink, Fixtures.registry()).importPaths(List.of(dir.resolve("rfo.eml")),
                ImportOptions.defaults().namingRelativeTo(dir), Viewer.LOCAL_ADMIN, ImportProgress.Listener.NONE);

        assertThat(sink.events()).singleElement().satisfies(notice -> {
            assertThat(notice.title()).isEqualTo("RFO for ticket 884213");
            assertThat(notice.originalZone()).isEqualTo("-04:00");
            assertThat(notice.labels()).containsEntry("stated.impactEnd", "2014-08-12T20:15:00Z");
        });
        assertThat(report.rejections()).singleElement().satisfies(r -> {
            assertThat(r.source()).isEqualTo("rfo.eml#RFO-884213.pdf");
            assertThat(r.reason()).startsWith("attachment 'RFO-884213.pdf' of the message 'RFO for ticket 884213'"
                    + " cannot be read (the message itself is kept): the PDF cannot be read");
        });
        assertThat(sink.deadLetters()).singleElement().satisfies(letter -> assertThat(letter.raw()).isNotEmpty());
    }

    @Test
    void aPdfWithoutProviderIsTheStatementOfTheDomainItNames() throws Exception {
        Path pdf = dir.resolve("report.pdf");
        Fixtures.rfoPdf(pdf, List.of("Reason For Outage", "Contact: noc@dc-provider.example",
                "Outage Start: 2014-08-12 07:55 UTC"));
        InMemoryEventSink sink = new InMemoryEventSink();

        new FileImporter(sink, Fixtures.registry()).importPaths(List.of(pdf), ImportOptions.defaults(),
                Viewer.LOCAL_ADMIN, ImportProgress.Listener.NONE);

        assertThat(sink.events()).singleElement()
                .satisfies(e -> assertThat(e.labels()).containsEntry("provider", "dc-provider.example"));
    }
}
