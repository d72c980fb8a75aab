package dev.hindsight.web.admin;

import dev.hindsight.web.cli.CliContext;
import dev.hindsight.web.cli.DataOption;
import dev.hindsight.web.cli.Json;
import dev.hindsight.web.cli.TimeArguments;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "token", mixinStandardHelpOptions = true, description = "Manages API tokens (also on the admin page and at /api/admin/tokens).", subcommands = {
        TokenCommand.Create.class, TokenCommand.List.class, TokenCommand.Revoke.class})
public class TokenCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = {
            "Creates an API token for the REST API and webhooks; prints {\"token\": \"...\"}.",
            "The token is shown once: only its hash is stored. With --owner it acts as that user (a member of their",
            "restricted incidents), never above their role, and ends when they are disabled."})
    static class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOption dataOption;

        @Parameters(index = "0", paramLabel = "NAME", description = "What the token is for, e.g. alertmanager.")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "ADMIN, COMMANDER, RESPONDER or VIEWER.")
        Role role;

        @Option(names = "--owner", paramLabel = "USER", description = "The user it acts as.")
        String owner;

        @Option(names = "--expires", paramLabel = "ISO", converter = TimeArguments.class, description = "When it stops working, e.g. 2027-01-01.")
        Instant expires;

        @Override
        public Integer call() {
            try (CliContext app = CliContext.open(dataOption.resolve())) {
                String token = app.bean(Accounts.class).createToken(name, role, owner, expires);
                Json.print(spec.commandLine().getOut(), Map.of("token", token));
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = {
            "Lists tokens, never their secrets: [{\"id\", \"name\", \"owner\", \"role\", \"createdAt\", \"lastUsedAt\",",
            "\"expiresAt\", \"revoked\"}]."})
    static class List implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOption dataOption;

        @Option(names = "--owner", paramLabel = "USER", description = "Only this user's tokens.")
        String owner;

        @Override
        public Integer call() {
            try (CliContext app = CliContext.open(dataOption.resolve())) {
                Json.print(spec.commandLine().getOut(), app.bean(Accounts.class).tokens(owner));
                return 0;
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes a token by id, or every active token of a name; prints {\"revoked\": N}.")
    static class Revoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOption dataOption;

        @Parameters(index = "0", paramLabel = "NAME|ID")
        String token;

        @Override
        public Integer call() {
            try (CliContext app = CliContext.open(dataOption.resolve())) {
                int n = app.bean(Accounts.class).revokeToken(token, null);
                Json.print(spec.commandLine().getOut(), Map.of("revoked", n));
                return 0;
            }
        }
    }
}
