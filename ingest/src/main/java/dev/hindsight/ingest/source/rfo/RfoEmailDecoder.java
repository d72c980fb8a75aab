package dev.hindsight.ingest.source.rfo;

import java.time.ZoneId;
import java.util.regex.Pattern;
import java.util.regex.Matcher;
import dev.hindsight.ingest.spi.Envelope;
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
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

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
    private static final Pattern DATE_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})(?:\\s*\\(.*\\))?\\s*$");

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
                emit(decodeMessage(raw, position, context), position, sink);
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

    /** A message's notice, and the attachments that could not be read. */
    public record Decoded(Event event, List<Unreadable> unreadable) {}

    /** An attachment that could not be read, with its bytes (bounded) for a dead letter. */
    public record Unreadable(String name, String reason, byte[] bytes) {}

    /** The notice, and each attachment that could not be read as a rejection of its own naming the message. */
    static void emit(Decoded decoded, String position, RecordSink sink) {
        sink.event(decoded.event());
        for (Unreadable a : decoded.unreadable()) {
            sink.rejected(position + "#" + a.name(), "attachment '" + a.name() + "' of the message '"
                    + decoded.event().title() + "' cannot be read (the message itself is kept): " + a.reason(),
                    a.bytes(), Envelope.whole(a.name()));
        }
    }

    /** One RFC 5322 message; a message without a Date is rejected. */
    public static Decoded decodeMessage(byte[] raw, String position, DecodeContext context) {
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
            List<Unreadable> unreadable = new ArrayList<>();
            collectText(mail, text, unreadable);
            String body = Texts.clip(text.toString(), MAX_TEXT);
            String messageId = mail.getMessageID();
            String dateHeader = mail.getHeader("Date")[0];
            ZoneId senderZone = senderZone(dateHeader);
            StatedTimes.Findings findings = StatedTimes.find(body, subject, domainOf(from), context.zone(),
                    sent.atZone(senderZone).toLocalDate());
            String provider = context.provider() != null ? context.provider() : domainOf(from);
            Event.Builder event = Event.builder("rfo-email", EventKind.PROVIDER_NOTICE, sent, subject)
                    .originalTime(dateHeader, senderZone.getId(), false)
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
            return new Decoded(event.build(), unreadable);
        } catch (MessagingException e) {
            throw new SourceDataException("not a readable e-mail: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SourceDataException("cannot read the e-mail's parts: " + e.getMessage(), e);
        }
    }

    /** Plain text first; HTML as text when there is no plain part; PDF attachments as text. */
    /** The offset the sender wrote its Date header in ("-0400"), or UTC when it has none. */
    static ZoneId senderZone(String dateHeader) {
        Matcher offset = DATE_OFFSET.matcher(dateHeader);
        if (offset.find()) {
            try {
                return ZoneOffset.of(offset.group(1) + ":" + offset.group(2));
            } catch (java.time.DateTimeException e) {
                return ZoneOffset.UTC;
            }
        }
        return ZoneOffset.UTC;
    }

    private static void collectText(Part part, StringBuilder out, List<Unreadable> unreadable)
            throws MessagingException, IOException {
        if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            out.append(out.isEmpty() ? "" : "\n").append(String.valueOf(part.getContent()));
        } else if (part.isMimeType("text/html") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            out.append(out.isEmpty() ? "" : "\n").append(HtmlText.of(String.valueOf(part.getContent())));
        } else if (part.isMimeType("multipart/alternative")) {
            // the same message twice: the rendering with more to read (a forward's plain part can be all headers)
            Multipart multipart = (Multipart) part.getContent();
            String best = "";
            for (int i = 0; i < multipart.getCount(); i++) {
                StringBuilder one = new StringBuilder();
                collectText(multipart.getBodyPart(i), one, unreadable);
                if (one.length() > best.length() * 1.5 || best.isEmpty()) {
                    best = one.toString();
                }
            }
            out.append(out.isEmpty() || best.isEmpty() ? "" : "\n").append(best);
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collectText(multipart.getBodyPart(i), out, unreadable);
            }
        } else if (part.isMimeType("application/pdf")
                || (part.getFileName() != null && part.getFileName().toLowerCase(Locale.ROOT).endsWith(".pdf"))) {
            byte[] pdf;
            try (InputStream in = part.getInputStream()) {
                pdf = in.readNBytes(PdfText.MAX_BYTES + 1);
            }
            String name = part.getFileName() == null ? "attachment.pdf" : part.getFileName();
            try {
                String pdfText = PdfText.extract(pdf);
                out.append(out.isEmpty() ? "" : "\n\n").append("[attachment ").append(name).append("]\n")
                        .append(pdfText);
            } catch (SourceDataException e) {
                unreadable.add(new Unreadable(name, e.getMessage(),
                        java.util.Arrays.copyOf(pdf, Math.min(pdf.length, 256 * 1024))));
                out.append(out.isEmpty() ? "" : "\n\n").append("[attachment ").append(name)
                        .append(" could not be read]");
            }
        } else if (part.isMimeType("text/calendar") || (part.getFileName() != null
                && part.getFileName().toLowerCase(Locale.ROOT).endsWith(".ics"))) {
            // a calendar entry states the window in DTSTART/DTEND: its text is read too
            try (InputStream in = part.getInputStream()) {
                out.append(out.isEmpty() ? "" : "\n\n").append(new String(in.readNBytes(256 * 1024),
                        StandardCharsets.UTF_8));
            }
        } else if (part.isMimeType("message/rfc822")) {
            collectText((Part) part.getContent(), out, unreadable);
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
