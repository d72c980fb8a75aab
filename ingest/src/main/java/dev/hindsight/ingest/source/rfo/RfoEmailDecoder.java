package dev.hindsight.ingest.source.rfo;

import dev.hindsight.core.text.Texts;
import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventId;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.event.RawRecord;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.spi.RecordSink;
import dev.hindsight.ingest.spi.SourceDataException;
import dev.hindsight.ingest.spi.SourceFile;
import dev.hindsight.ingest.support.Timestamps;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.jsoup.Jsoup;

/**
 * A provider's RFO e-mails, one message (.eml) or many (.mbox): each message is one PROVIDER_NOTICE at its Date header,
 * keyed by Message-ID. The text is the plain part, else the HTML part as text, plus the text of attached PDFs; the
 * times the provider states, its ticket number and affected sites become labels. A message without a Date is rejected.
 */
class RfoEmailDecoder implements FormatDecoder {

    static final String PARSER = "rfo-email/1";
    static final int MAX_MESSAGE = 32 * 1024 * 1024;
    static final int MAX_TEXT = 200_000;

    private static final Session SESSION = Session.getInstance(new Properties());

    @Override
    public String format() {
        return "rfo-email";
    }

    @Override
    public int confidence(String fileName, byte[] head) {
        String name = fileName.toLowerCase(Locale.ROOT);
        String text = new String(head, StandardCharsets.ISO_8859_1);
        boolean headers = text.matches("(?s)^(?:From .*?\\n)?(?:[A-Za-z-]+:.*\\n)+.*")
                && (text.contains("\nSubject:") || text.startsWith("Subject:"))
                && (text.contains("\nFrom:") || text.startsWith("From:"));
        if (name.endsWith(".eml") || name.endsWith(".mbox")) {
            return 90;
        }
        return headers ? 70 : 0;
    }

    @Override
    public void decode(SourceFile file, DecodeContext context, RecordSink sink) throws IOException {
        byte[] bytes;
        try (InputStream in = file.open()) {
            bytes = in.readNBytes(MAX_MESSAGE + 1);
        }
        if (bytes.length > MAX_MESSAGE) {
            throw new SourceDataException("larger than " + (MAX_MESSAGE >> 20) + " MiB");
        }
        List<byte[]> messages = split(bytes);
        for (int i = 0; i < messages.size(); i++) {
            String position = messages.size() == 1 ? file.name() : file.name() + "#" + (i + 1);
            byte[] raw = messages.get(i);
            try {
                sink.event(decodeMessage(raw, position, context));
            } catch (SourceDataException e) {
                sink.rejected(position, (messages.size() == 1 ? "" : "message " + (i + 1) + ": ") + e.getMessage(),
                        raw);
            }
        }
    }

    /** An mbox holds messages each opened by a "From " line; an .eml is one message. */
    static List<byte[]> split(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("From ")) {
            return List.of(bytes);
        }
        List<byte[]> messages = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int next = text.indexOf("\nFrom ", start + 5);
            int end = next < 0 ? text.length() : next + 1;
            int body = text.indexOf('\n', start) + 1; // drop the "From " envelope line
            String message = text.substring(body, end).replaceAll("(?m)^>(>*From )", "$1");
            messages.add(message.getBytes(StandardCharsets.ISO_8859_1));
            start = end;
        }
        return messages;
    }

    /** One RFC 5322 message; a message without a Date is rejected. */
    public static Event decodeMessage(byte[] raw, String position, DecodeContext context) {
        try {
            MimeMessage mail = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            if (mail.getSentDate() == null) {
                throw new SourceDataException("the e-mail has no (valid) Date header"
                        + (mail.getHeader("Date") == null ? "" : ": '" + mail.getHeader("Date")[0] + "'"));
            }
            var sent = mail.getSentDate().toInstant();
            Timestamps.requirePlausible(sent, String.valueOf(mail.getHeader("Date")[0]));
            String subject = mail.getSubject() == null ? "(no subject)" : mail.getSubject().strip();
            String from = mail.getFrom() == null || mail.getFrom().length == 0
                    ? null
                    : mail.getFrom()[0] instanceof InternetAddress a
                            ? (a.getPersonal() != null ? a.getPersonal() + " <" + a.getAddress() + ">" : a.getAddress())
                            : mail.getFrom()[0].toString();
            StringBuilder text = new StringBuilder();
            collectText(mail, text);
            String body = Texts.clip(text.toString(), MAX_TEXT);
            String messageId = mail.getMessageID();
            StatedTimes.Findings findings = StatedTimes.find(body, context.zone(),
                    sent.atZone(context.zone()).toLocalDate());
            String provider = context.provider() != null ? context.provider() : domainOf(from);
            Event.Builder event = Event.builder("rfo-email", EventKind.PROVIDER_NOTICE, sent, subject)
                    .originalTime(mail.getHeader("Date")[0], ZoneOffset.UTC.getId(), false)
                    .text(body.isBlank() ? null : body.strip())
                    .actor(from)
                    .location(findings.sites())
                    .provider(true)
                    .labels(findings.labels())
                    .dedupKey(messageId != null ? messageId : EventId.contentHash(raw))
                    .raw(new RawRecord(position, raw, PARSER));
            if (provider != null) {
                event.label("provider", provider);
            }
            String[] inReplyTo = mail.getHeader("In-Reply-To");
            if (inReplyTo != null) {
                event.label("in_reply_to", inReplyTo[0]);
            }
            return event.build();
        } catch (MessagingException e) {
            throw new SourceDataException("not a readable e-mail: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SourceDataException("cannot read the e-mail's parts: " + e.getMessage(), e);
        }
    }

    /** Plain text first; HTML as text when there is no plain part; PDF attachments as text. */
    private static void collectText(Part part, StringBuilder out) throws MessagingException, IOException {
        if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            out.append(out.isEmpty() ? "" : "\n").append(String.valueOf(part.getContent()));
        } else if (part.isMimeType("text/html") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            if (out.isEmpty()) {
                out.append(Jsoup.parse(String.valueOf(part.getContent())).wholeText().strip());
            }
        } else if (part.isMimeType("multipart/alternative")) {
            Multipart multipart = (Multipart) part.getContent();
            Part best = null;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart p = multipart.getBodyPart(i);
                if (p.isMimeType("text/plain") || best == null) {
                    best = p;
                }
            }
            if (best != null) {
                collectText(best, out);
            }
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collectText(multipart.getBodyPart(i), out);
            }
        } else if (part.isMimeType("application/pdf")
                || (part.getFileName() != null && part.getFileName().toLowerCase(Locale.ROOT).endsWith(".pdf"))) {
            ByteArrayOutputStream pdf = new ByteArrayOutputStream();
            try (InputStream in = part.getInputStream()) {
                in.transferTo(pdf);
            }
            out.append(out.isEmpty() ? "" : "\n\n").append("[attachment ").append(part.getFileName()).append("]\n")
                    .append(PdfText.extract(pdf.toByteArray()));
        } else if (part.isMimeType("message/rfc822")) {
            collectText((Part) part.getContent(), out);
        }
    }

    private static String domainOf(String from) {
        if (from == null) {
            return null;
        }
        int at = from.lastIndexOf('@');
        return at < 0 ? null : from.substring(at + 1).replace(">", "").strip();
    }
}
