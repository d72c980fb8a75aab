package dev.hindsight.ingest.source.rfo;

import dev.hindsight.ingest.spi.SourceDataException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Text of a PDF, in reading order (RFOs are often tabular), with bounded work: at most {@value #MAX_PAGES} pages,
 * {@value #MAX_MEMORY} bytes of decoded content in memory (a small file whose content stream inflates to hundreds of
 * megabytes is refused), and {@link #MAX_TIME} of extraction, checked page by page.
 */
final class PdfText {

    static final int MAX_PAGES = 200;
    static final int MAX_BYTES = 64 * 1024 * 1024;
    static final long MAX_MEMORY = 32L * 1024 * 1024;
    static final Duration MAX_TIME = Duration.ofSeconds(10);

    private PdfText() {}

    static String extract(byte[] pdf) {
        return extract(pdf, MAX_TIME);
    }

    static String extract(byte[] pdf, Duration budget) {
        if (pdf.length > MAX_BYTES) {
            throw new SourceDataException("the PDF is larger than " + (MAX_BYTES >> 20) + " MiB");
        }
        Instant deadline = Instant.now().plus(budget);
        try (PDDocument document = load(pdf)) {
            StringBuilder text = new StringBuilder();
            int pages = Math.min(MAX_PAGES, document.getNumberOfPages());
            for (int page = 1; page <= pages; page++) {
                if (Instant.now().isAfter(deadline)) {
                    throw new SourceDataException("reading the PDF took longer than " + budget.toMillis()
                            + " ms; it stopped at page " + page + " of " + pages);
                }
                PDFTextStripper stripper = new BoundedStripper(deadline, budget);
                stripper.setSortByPosition(true);
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                text.append(stripper.getText(document));
            }
            return text.toString();
        } catch (IOException | IllegalStateException e) {
            throw new SourceDataException("the PDF cannot be read: " + e.getMessage(), e);
        }
    }

    private static PDDocument load(byte[] pdf) throws IOException {
        return Loader.loadPDF(new RandomAccessReadBuffer(pdf), "", null, null,
                MemoryUsageSetting.setupMainMemoryOnly(MAX_MEMORY).streamCache);
    }

    /** The document's author, as its metadata names it. */
    static Optional<String> author(byte[] pdf) {
        try (PDDocument document = load(pdf)) {
            return Optional.ofNullable(document.getDocumentInformation().getAuthor()).map(String::strip)
                    .filter(a -> !a.isEmpty());
        } catch (IOException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    static Optional<Instant> created(byte[] pdf) {
        try (PDDocument document = load(pdf)) {
            var created = document.getDocumentInformation().getCreationDate();
            return Optional.ofNullable(created).map(c -> c.toInstant());
        } catch (IOException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** Checks the deadline as it works through a page's operators, so one endless page cannot hold an import. */
    private static final class BoundedStripper extends PDFTextStripper {
        private final Instant deadline;
        private final Duration budget;
        private int operators;

        BoundedStripper(Instant deadline, Duration budget) {
            this.deadline = deadline;
            this.budget = budget;
        }

        @Override
        protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
            if ((++operators & 0xFFF) == 0 && Instant.now().isAfter(deadline)) {
                throw new IOException("reading it took longer than " + budget.toMillis() + " ms");
            }
            super.processOperator(operator, operands);
        }
    }
}
