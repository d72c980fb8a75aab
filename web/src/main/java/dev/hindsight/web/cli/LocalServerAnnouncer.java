package dev.hindsight.web.cli;

import dev.hindsight.core.store.DataRoot;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Once the server listens, it tells local commands where: its address and a fresh token of its own, in the data
 * directory ({@link LocalServer}). Each start revokes the previous start's token; a stop removes the file.
 */
@Component
@ConditionalOnProperty(name = "hindsight.mode", havingValue = "serve")
class LocalServerAnnouncer {

    static final String TOKEN_NAME = "local-cli";
    private static final Logger log = LoggerFactory.getLogger(LocalServerAnnouncer.class);

    private final Accounts accounts;
    private final DataRoot data;

    LocalServerAnnouncer(Accounts accounts, DataRoot data) {
        this.accounts = accounts;
        this.data = data;
    }

    @EventListener
    void listening(WebServerInitializedEvent event) {
        if (accounts.tokens(null).stream().anyMatch(t -> t.name().equals(TOKEN_NAME) && !t.revoked())) {
            accounts.revokeToken(TOKEN_NAME, null);
        }
        String token = accounts.createToken(TOKEN_NAME, Role.ADMIN);
        new LocalServer("http://127.0.0.1:" + event.getWebServer().getPort(), token).write(data.path());
        log.info("Commands run on this data directory now ask this server (hindsight search ... works as usual)");
    }

    @EventListener
    void stopping(ContextClosedEvent event) {
        LocalServer.remove(data.path());
    }
}
