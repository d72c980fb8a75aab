package dev.hindsight.web.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import dev.hindsight.web.support.TestDataDirectory;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A 2 GB upload is refused by policy before the server reads it: the answer (413, naming the limit and the streaming
 * command-line import) comes back after the first megabyte has been sent, so no part of the upload is buffered.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UploadLimitTests {

    static final long TWO_GB = 2L << 30;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        TestDataDirectory.register(registry, "hindsight-upload-limit-");
    }

    @Test
    void aTwoGigabyteExportIsRefusedByPolicyBeforeItIsRead() throws Exception {
        String token = accounts.createToken("uploader", Role.RESPONDER);
        String boundary = "hindsight-limit";
        byte[] partHead = ("--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"slack-export.zip\"\r\n"
                + "Content-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/imports HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n"
                + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: " + TWO_GB + "\r\n"
                + "Connection: close\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.write(partHead);
            out.write(new byte[1 << 20]); // the first megabyte of the 2 GB; the rest never needs to be sent
            out.flush();

            long started = System.nanoTime();
            String response = readResponse(socket.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 413");
            assertThat((System.nanoTime() - started) / 1_000_000).as("answered without waiting for the rest")
                    .isLessThan(5_000);
            assertThat(response).as("the refusal names the policy and the way around it").contains("512 MB")
                    .contains("hindsight import");
        }
    }

    /** The response: its head, then a body by Content-Length or chunked to its last chunk. */
    private static String readResponse(InputStream in) throws Exception {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        byte[] buffer = new byte[16_384];
        for (int n; !complete(response.toString(StandardCharsets.UTF_8)) && (n = in.read(buffer)) >= 0;) {
            response.write(buffer, 0, n);
        }
        return response.toString(StandardCharsets.UTF_8);
    }

    private static boolean complete(String response) {
        int head = response.indexOf("\r\n\r\n");
        if (head < 0) {
            return false;
        }
        String headers = response.substring(0, head).toLowerCase(Locale.ROOT);
        var length = java.util.regex.Pattern.compile("content-length: *(\\d+)").matcher(headers);
        if (length.find()) {
            return response.getBytes(StandardCharsets.UTF_8).length - head - 4 >= Integer.parseInt(length.group(1));
        }
        return !headers.contains("chunked") || response.endsWith("\r\n0\r\n\r\n");
    }
}
