package dev.hindsight.web;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.web.cli.DataDirectoryBusyException;
import dev.hindsight.web.cli.ServerClient;
import dev.hindsight.web.cli.ExitCodes;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import picocli.CommandLine;

/** Entry point of the command line: dispatches to a command, or serves when there is none. */
public final class HindsightCli {

    /** Returned by {@code serve}: the web server runs on non-daemon threads and the JVM must not exit. */
    public static final int KEEP_RUNNING = ExitCodes.KEEP_RUNNING;

    private static final Set<String> ROOT_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    private HindsightCli() {}

    /** With no arguments (or {@code serve}) runs the web UI and REST API; otherwise the command named. */
    public static void main(String[] args) {
        int exit = run(args);
        if (exit != KEEP_RUNNING) {
            System.exit(exit);
        }
    }

    public static int run(String[] args) {
        String[] effective = args;
        if (args.length == 0 || (args[0].startsWith("-") && !ROOT_OPTIONS.contains(args[0]))) {
            // `java -jar hindsight.jar [--port N]` serves
            effective = new String[args.length + 1];
            effective[0] = "serve";
            System.arraycopy(args, 0, effective, 1, args.length);
        }
        CommandLine cli = commandLine();
        return cli.execute(effective);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new RootCommand());
        cli.setOut(new PrintWriter(System.out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CommandLine.ParameterException pe) {
                throw pe;
            }
            if (e instanceof DataDirectoryBusyException) {
                commandLine.getErr().println("hindsight: " + e.getMessage());
                return ExitCodes.BUSY;
            }
            if (e instanceof ServerClient.ServerUnreachableException) {
                commandLine.getErr().println("hindsight: " + e.getMessage());
                return ExitCodes.FAILED;
            }
            // input that cannot be used as given is a usage error; a missing incident or a key in use is a failure
            if (e instanceof InvalidInputException) {
                commandLine.getErr().println("hindsight: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            commandLine.getErr().println("hindsight: " + commandLine.getCommandName() + " failed: " + rootMessage(e));
            return ExitCodes.FAILED;
        });
        return cli;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && t.getMessage() == null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
