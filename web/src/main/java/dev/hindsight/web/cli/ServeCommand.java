package dev.hindsight.web.cli;

import dev.hindsight.HindsightApplication;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Runs the web UI and REST API (the default when no command is given).")
public class ServeCommand implements Callable<Integer> {

    /** Held for the life of the server: the OS releases the lock when the process ends. */
    private static DataDirectory held;

    @Mixin
    DataOption dataOption;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--no-samples", description = "Do not load the sample incidents (LastPass 2014, a bad deploy) into an empty data directory.")
    boolean noSamples;

    @Override
    public Integer call() throws Exception {
        Path data = dataOption.resolve();
        held = DataDirectory.lock(data).orElseThrow(() -> new DataDirectoryBusyException(data));
        // as arguments, so that they override application.properties
        new SpringApplicationBuilder(HindsightApplication.class)
                .run("--hindsight.data=" + held.path(), "--hindsight.mode=serve", "--server.port=" + port,
                        "--hindsight.web.samples=" + !noSamples);
        return ExitCodes.KEEP_RUNNING;
    }
}
