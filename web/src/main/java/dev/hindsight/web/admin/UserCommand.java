package dev.hindsight.web.admin;

import dev.hindsight.web.cli.Json;
import dev.hindsight.web.cli.DataOption;
import dev.hindsight.web.cli.CliContext;
import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "user", mixinStandardHelpOptions = true, description = "Manages users.", subcommands = UserCommand.Add.class)
public class UserCommand {

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds a user; the password is read from stdin (first line), at least 12 characters.")
    static class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOption dataOption;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "ADMIN, COMMANDER, RESPONDER or VIEWER.")
        Role role;

        @Override
        public Integer call() throws IOException {
            String password = readPassword();
            try (CliContext app = CliContext.open(dataOption.resolve())) {
                app.bean(Accounts.class).addUser(name, role, password);
                Json.print(spec.commandLine().getOut(), Map.of("user", name, "role", role.name()));
                return 0;
            }
        }

        private static String readPassword() throws IOException {
            Console console = System.console();
            if (console != null) {
                char[] typed = console.readPassword("Password: ");
                return typed == null ? "" : new String(typed);
            }
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new InvalidInputException(
                        "no password on stdin (pipe it in: echo \"$PW\" | hindsight user add ...)");
            }
            return line;
        }
    }
}
