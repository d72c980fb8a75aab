package dev.hindsight.web.admin;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.web.cli.CliContext;
import dev.hindsight.web.cli.DataOption;
import dev.hindsight.web.cli.Json;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "user", mixinStandardHelpOptions = true, description = {
        "Manages users (also on the admin page and at /api/admin/users). A disabled user can neither sign in nor",
        "use their tokens, and their open sessions end."}, subcommands = {UserCommand.Add.class, UserCommand.List.class,
                UserCommand.Disable.class, UserCommand.Enable.class, UserCommand.SetRole.class,
                UserCommand.Password.class, UserCommand.Delete.class})
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

        @Option(names = "--email", paramLabel = "ADDR", description = "Where reminders are sent.")
        String email;

        @Override
        public Integer call() throws IOException {
            String password = readPassword("Password: ");
            try (CliContext app = CliContext.open(dataOption.resolve())) {
                app.bean(Accounts.class).addUser(name, role, password, email);
                Json.print(spec.commandLine().getOut(), Map.of("user", Accounts.normalise(name), "role", role.name()));
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists users: [{\"username\", \"role\", \"enabled\", \"email\", \"createdAt\", \"tokens\"}].")
    static class List implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOption dataOption;

        @Override
        public Integer call() {
            try (CliContext app = CliContext.open(dataOption.resolve())) {
                Json.print(spec.commandLine().getOut(), app.bean(Accounts.class).users());
                return 0;
            }
        }
    }

    /** A change of one user that answers with the user as listed. */
    abstract static class Change implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOption dataOption;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        abstract BiFunction<Accounts, String, Accounts.UserView> change();

        @Override
        public Integer call() {
            try (CliContext app = CliContext.open(dataOption.resolve())) {
                Json.print(spec.commandLine().getOut(), change().apply(app.bean(Accounts.class), name));
                return 0;
            }
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disables a user: no sign-in, no tokens, open sessions end.")
    static class Disable extends Change {
        @Override
        BiFunction<Accounts, String, Accounts.UserView> change() {
            return (accounts, user) -> accounts.setEnabled(user, false);
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enables a disabled user again.")
    static class Enable extends Change {
        @Override
        BiFunction<Accounts, String, Accounts.UserView> change() {
            return (accounts, user) -> accounts.setEnabled(user, true);
        }
    }

    @Command(name = "role", mixinStandardHelpOptions = true, description = "Changes a user's role; their tokens never act above it.")
    static class SetRole extends Change {
        @Parameters(index = "1", paramLabel = "ROLE", description = "ADMIN, COMMANDER, RESPONDER or VIEWER.")
        Role role;

        @Override
        BiFunction<Accounts, String, Accounts.UserView> change() {
            return (accounts, user) -> accounts.setRole(user, role);
        }
    }

    @Command(name = "password", mixinStandardHelpOptions = true, description = "Sets a new password for a user (read from stdin, first line).")
    static class Password implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOption dataOption;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws IOException {
            String password = readPassword("New password: ");
            try (CliContext app = CliContext.open(dataOption.resolve())) {
                app.bean(Accounts.class).resetPassword(name, password);
                Json.print(spec.commandLine().getOut(),
                        Map.of("user", Accounts.normalise(name), "password", "changed"));
                return 0;
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes a user and their tokens (the audit log keeps their name).")
    static class Delete implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOption dataOption;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            try (CliContext app = CliContext.open(dataOption.resolve())) {
                app.bean(Accounts.class).deleteUser(name);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("user", Accounts.normalise(name));
                out.put("deleted", true);
                Json.print(spec.commandLine().getOut(), out);
                return 0;
            }
        }
    }

    static String readPassword(String prompt) throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword(prompt);
            return typed == null ? "" : new String(typed);
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            throw new InvalidInputException("no password on stdin (pipe it in: echo \"$PW\" | hindsight user ...)");
        }
        return line;
    }
}
