package dev.hindsight.ingest.source.rfo;

import dev.hindsight.ingest.support.NamedPullSource;
import dev.hindsight.ingest.spi.RetriableSourceException;

import dev.hindsight.ingest.support.CollectingSink;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.spi.SourceDataException;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * An IMAP mailbox of provider RFO e-mails: new messages by UID, resumed from {@code uidvalidity:lastUid}. When the
 * folder's UIDVALIDITY changes (the mailbox was rebuilt), it reads the folder again from the start; Message-IDs keep
 * that from storing anything twice.
 */
final class ImapPull extends NamedPullSource {

    static final int BATCH = 50;

    private final String host;
    private final int port;
    private final boolean ssl;
    private final String username;
    private final String password;
    private final String folderName;
    private final @Nullable String provider;

    public ImapPull(String name, String host, int port, boolean ssl, String username, String password,
            String folderName,
            @Nullable String provider, Duration interval) {
        super("imap", name, interval);
        this.host = host;
        this.port = port;
        this.ssl = ssl;
        this.username = username;
        this.password = password;
        this.folderName = folderName;
        this.provider = provider;
    }

    @Override
    public Page poll(@Nullable String cursor) throws IOException {
        String protocol = ssl ? "imaps" : "imap";
        Properties props = new Properties();
        props.put("mail." + protocol + ".connectiontimeout", "30000");
        props.put("mail." + protocol + ".timeout", "30000");
        try {
            Store store = Session.getInstance(props).getStore(protocol);
            store.connect(host, port, username, password);
            try {
                Folder folder = store.getFolder(folderName);
                folder.open(Folder.READ_ONLY);
                try {
                    return read((UIDFolder) folder, cursor);
                } finally {
                    folder.close(false);
                }
            } finally {
                store.close();
            }
        } catch (jakarta.mail.AuthenticationFailedException e) {
            throw new IOException("IMAP login refused for " + username + "@" + host + " (check the credentials)", e);
        } catch (MessagingException e) {
            throw new RetriableSourceException("IMAP: " + e.getMessage(), null);
        }
    }

    private Page read(UIDFolder folder, @Nullable String cursor) throws MessagingException, IOException {
        long validity = folder.getUIDValidity();
        long last = 0;
        if (cursor != null) {
            String[] parts = cursor.split(":");
            if (Long.parseLong(parts[0]) == validity) {
                last = Long.parseLong(parts[1]);
            }
        }
        Message[] messages = folder.getMessagesByUID(last + 1, UIDFolder.LASTUID);
        CollectingSink out = new CollectingSink("rfo-email",
                new DecodeContext(java.time.ZoneOffset.UTC, null, provider));
        long highest = last;
        int taken = 0;
        DecodeContext context = new DecodeContext(java.time.ZoneOffset.UTC, null, provider);
        for (Message message : messages) {
            long uid = folder.getUID(message);
            if (uid <= last) {
                continue; // servers answer "n:*" with the last message even when it is older
            }
            if (taken == BATCH) {
                break;
            }
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            message.writeTo(raw);
            String position = name + "#uid=" + uid;
            try {
                RfoEmailDecoder.emit(RfoEmailDecoder.decodeMessage(raw.toByteArray(), position, context), position,
                        out);
            } catch (SourceDataException e) {
                out.rejected(position, e.getMessage(), raw.toByteArray());
            }
            highest = Math.max(highest, uid);
            taken++;
        }
        boolean more = taken == BATCH && messages.length > BATCH;
        return out.page(validity + ":" + highest, more);
    }
}
