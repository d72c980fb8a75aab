package dev.hindsight.web.admin;

import dev.hindsight.web.cli.Json;
import dev.hindsight.web.cli.DataOption;
import dev.hindsight.web.cli.CliContext;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "token", mixinStandardHelpOptions = true, description = "Manages API tokens.", subcommands = TokenCommand.Create.class)
public class TokenCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = {
            "Creates an API token for the REST API and webhooks; prints {\"token\": \"...\"}.",
            "The token is shown once: only its hash is stored."})
    static class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOption dataOption;

        @Parameters(index = "0", paramLabel = "NAME", description = "What the token is for, e.g. alertmanager.")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "ADMIN, COMMANDER, RESPONDER or VIEWER.")
        Role role;

        @Override
        public Integer call() {
            try (CliContext app = CliContext.open(dataOption.resolve())) {
                String token = app.bean(Accounts.class).createToken(name, role);
                Json.print(spec.commandLine().getOut(), Map.of("token", token));
                return 0;
            }
        }
    }
}
