package dev.hindsight.web.support;

import java.io.IOException;
import java.net.ServerSocket;

/** Ports for servers a test starts itself (a forked application, an Alertmanager, a PostgreSQL it stops and restarts). */
public final class TestPorts {

    private TestPorts() {}

    /** A port free right now: the operating system's pick, released at once for the test's server to bind. */
    public static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
