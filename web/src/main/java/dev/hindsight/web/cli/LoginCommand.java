package dev.hindsight.web.cli;

import dev.hindsight.core.error.InvalidInputException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

@Command(name = "login", mixinStandardHelpOptions = true, description = {
        "Keeps an API token for a server, so that commands with --server URL (or $HINDSIGHT_SERVER) use it:",
        "the token is read from stdin (first line; create one on your account page), checked against the server",
        "and stored in $XDG_CONFIG_HOME/hindsight/credentials.json (~/.config/... by default), readable by you only.",
        "Prints {\"server\", \"username\", \"role\"}."})
public class LoginCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--server", required = true, paramLabel = "URL", description = "The server, e.g. https://hindsight.example.org.")
    String server;

    @Override
    public Integer call() throws IOException {
        String token = readToken();
        JsonNode me = ServerClient.to(server, token).send("GET", "/api/me", null);
        Credentials.store(server, token);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("server", server);
        out.put("username", me.path("username").asString(""));
        out.put("role", me.path("role").asString(""));
        Json.print(spec.commandLine().getOut(), out);
        return 0;
    }

    private static String readToken() throws IOException {
        Console console = System.console();
        String token;
        if (console != null) {
            char[] typed = console.readPassword("API token: ");
            token = typed == null ? "" : new String(typed);
        } else {
            token = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        if (token == null || token.isBlank()) {
            throw new InvalidInputException(
                    "no token on stdin (pipe it in: echo \"$TOKEN\" | hindsight login --server URL)");
        }
        return token.strip();
    }
}
