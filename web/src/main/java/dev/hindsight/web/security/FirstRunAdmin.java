package dev.hindsight.web.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.hindsight.core.store.DataRoot;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * On the first start of a server with no users, creates {@code admin} with a random password written to
 * {@code <data>/initial-admin-password} (readable by the owner only). There is no default password.
 */
@Component
@ConditionalOnProperty(name = "hindsight.mode", havingValue = "serve")
class FirstRunAdmin implements ApplicationRunner {

    /** Where the initial admin password is written, in the data directory. */
    static final String PASSWORD_FILE = "initial-admin-password";
    private static final Logger log = LoggerFactory.getLogger(FirstRunAdmin.class);

    private final Accounts accounts;
    private final Path data;

    FirstRunAdmin(Accounts accounts, DataRoot data) {
        this.accounts = accounts;
        this.data = data.path();
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (accounts.anyUser()) {
            return;
        }
        String password = Accounts.randomSecret(18);
        Path file = data.resolve(PASSWORD_FILE);
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        accounts.addUser("admin", Role.ADMIN, password);
        log.warn("First start: created user 'admin'. Its password is in {} - sign in and keep it safe "
                + "(add more users with: hindsight user add NAME --role ROLE)", file);
    }
}
