package io.canopy.certificate.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import io.canopy.certificate.persistence.StoredCertificate;

/** Names the standard PDF fonts cannot set as given still make a one-page certificate. */
class PdfRendererTest {

    private final PdfRenderer renderer = new PdfRenderer();

    private static StoredCertificate named(String accountName) {
        return new StoredCertificate(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), YearMonth.of(2026, 2),
                1_234, 0, 1_234, new BigDecimal("0.15"), "Eden Reforestation, Madagascar", 1,
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", LocalDate.of(2026, 3, 4),
                Instant.parse("2026-03-04T02:00:00Z"), accountName);
    }

    private String text(StoredCertificate certificate) throws Exception {
        byte[] pdf = renderer.render(CertificateDocument.of(certificate, 8_333, "https://certificates.canopy.test"));
        try (var document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            return new PDFTextStripper().getText(document);
        }
    }

    @Test
    void aLongNameIsSetSmallerAndThenShortenedOnOneLine() throws Exception {
        String longName = "The Very Long Name Of A Regional Healthcare Cooperative Of Independent Dental Practices ".repeat(3)
                .strip();
        String text = text(named(longName));
        String line = text.lines().filter(l -> l.startsWith("The Very Long Name")).findFirst().orElseThrow();
        assertThat(line).endsWith("...").hasSizeLessThan(longName.length());
        assertThat(longName).startsWith(line.substring(0, line.length() - 3).strip());
        // a name that fits is printed whole
        assertThat(text(named("Juniper & Sons Dental"))).contains("Juniper & Sons Dental");
    }

    @Test
    void charactersOutsideTheStandardFontsPrintAsQuestionMarksAndAccentsStay() throws Exception {
        assertThat(text(named("Zürich Łódź 東京 Print"))).contains("Zürich ?ód? ?? Print");
    }

    @Test
    void aCertificateIssuedBeforeNamesTravelledShowsTheAccountId() throws Exception {
        StoredCertificate unnamed = named(null);
        assertThat(text(unnamed)).contains("Account " + unnamed.accountId());
    }
}
