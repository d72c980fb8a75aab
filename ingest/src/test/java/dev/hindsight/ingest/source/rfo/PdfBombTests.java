package dev.hindsight.ingest.source.rfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hindsight.ingest.spi.SourceDataException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A small PDF whose one content stream inflates to 200 MB of drawing is stopped at its time budget (here half a second,
 * ten in production), inside its one page, rather than holding an import worker for minutes.
 */
class PdfBombTests {

    @Test
    void aContentStreamThatInflatesBeyondTheBoundIsRefused() throws Exception {
        byte[] pdf = bomb(200 * 1024 * 1024);
        assertThat(pdf.length).isLessThan(1024 * 1024);

        assertThatThrownBy(() -> PdfText.extract(pdf, Duration.ofMillis(500))).isInstanceOf(SourceDataException.class)
                .hasMessage("the PDF cannot be read: reading it took longer than 500 ms");
    }

    /** One page whose content stream is {@code size} bytes of drawing operators, deflated. */
    static byte[] bomb(int size) throws Exception {
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated, new Deflater(9))) {
            byte[] block = "0 0 m 1 1 l S\n".repeat(1 << 16).getBytes(StandardCharsets.ISO_8859_1);
            for (int written = 0; written < size; written += block.length) {
                out.write(block);
            }
        }
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        pdf.write(("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                + "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
                + "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>\nendobj\n"
                + "4 0 obj\n<< /Length " + deflated.size() + " /Filter /FlateDecode >>\nstream\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        pdf.write(deflated.toByteArray());
        pdf.write("\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1));
        return pdf.toByteArray();
    }
}
