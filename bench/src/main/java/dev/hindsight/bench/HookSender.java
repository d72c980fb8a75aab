package dev.hindsight.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One webhook sender on one kept-alive HTTP/1.1 connection, as Alertmanager's Go client sends. The benchmark shares
 * two cores with the server, and the JDK's HttpClient spends about half a millisecond of CPU per request; a sender
 * this plain leaves those cores to the server being measured. It reconnects whenever the server closes the
 * connection (Tomcat closes a kept-alive connection after a number of requests).
 */
final class HookSender implements AutoCloseable {
    private final URI base;
    private final String token;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    HookSender(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** Posts {@code json} to {@code path} and returns the status code, after reading the whole response. */
    int post(String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        if (socket == null) {
            connect();
        }
        try {
            return exchange(head, body);
        } catch (IOException e) { // a kept-alive connection the server closed before this request: once more
            closeQuietly();
            connect();
            return exchange(head, body);
        }
    }

    private int exchange(byte[] head, byte[] body) throws IOException {
        out.write(head);
        out.write(body);
        out.flush();
        return readResponse();
    }

    private void connect() throws IOException {
        socket = new Socket(base.getHost(), base.getPort());
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream());
    }

    private int readResponse() throws IOException {
        int status = -1;
        long length = 0;
        boolean chunked = false;
        boolean close = false;
        for (String line = line(); !line.isEmpty(); line = line()) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (status < 0) {
                status = Integer.parseInt(line.split(" ", 3)[1]);
            } else if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0; size = Long
                    .parseLong(line().split(";")[0].trim(), 16)) {
                in.skipNBytes(size);
                line();
            }
            line(); // the empty line after the last chunk
        } else {
            in.skipNBytes(length);
        }
        if (close) {
            closeQuietly();
        }
        return status;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the server closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private void closeQuietly() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException e) {
            // already gone
        }
        socket = null;
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
