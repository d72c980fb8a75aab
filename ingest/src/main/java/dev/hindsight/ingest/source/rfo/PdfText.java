package dev.hindsight.ingest.source.rfo;

import dev.hindsight.ingest.spi.SourceDataException;
import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** Text of a PDF, in reading order (RFOs are often tabular), bounded in pages. */
final class PdfText {

    static final int MAX_PAGES = 200;

    private PdfText() {}

    static String extract(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setEndPage(Math.min(MAX_PAGES, document.getNumberOfPages()));
            return stripper.getText(document);
        } catch (IOException e) {
            throw new SourceDataException("the PDF cannot be read: " + e.getMessage(), e);
        }
    }

    static java.util.Optional<java.time.Instant> created(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            var created = document.getDocumentInformation().getCreationDate();
            return java.util.Optional.ofNullable(created).map(c -> c.toInstant());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
