package dev.hindsight.web.cli;

import dev.hindsight.web.HindsightCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs CLI commands in-process and captures what they print. */
public final class CliRunner {

    public record Result(int exit, String out, String err) {}

    private CliRunner() {}

    public static Result run(String... args) {
        CommandLine cli = HindsightCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
