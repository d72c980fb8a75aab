package dev.hindsight.ingest.source.rfo;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A mailbox of provider RFO e-mails, read by a pull source ({@code hindsight.ingest.pull.imap[i].*}).
 *
 * @param provider the provider whose statements the messages are
 */
public record ImapPullSettings(String name, String host, @DefaultValue("993") int port,
        @DefaultValue("true") boolean ssl, String username, String password, @DefaultValue("INBOX") String folder,
        @Nullable String provider, @DefaultValue("PT5M") Duration interval) {}
