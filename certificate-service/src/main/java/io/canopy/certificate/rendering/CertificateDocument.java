package io.canopy.certificate.rendering;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.canopy.certificate.persistence.StoredCertificate;

/**
 * What a printed certificate shows, already formatted: the same text goes into the HTML page and
 * the PDF, so the two can never disagree. Pages are grouped in thousands, trees have two decimals.
 *
 * @param accountName the customer's name as the deposits carried it at issue; "Account &lt;id&gt;"
 *                    on a certificate issued before any deposit carried a name
 */
public record CertificateDocument(String certificateId, String accountName, String accountId, String periodLabel,
        String pages, String priorPeriodPages, boolean hasPriorPeriodPages, String totalPages, String trees,
        String pagesPerTree, String forestryProject, String seal, String depositCount, String issuedOn, String verifyUrl) {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    public static CertificateDocument of(StoredCertificate c, long pagesPerTree, String publicUrl) {
        String verifyUrl = publicUrl.replaceAll("/+$", "") + "/v1/certificates/" + c.certificateId() + "/verify";
        String name = c.accountName() == null || c.accountName().isBlank() ? "Account " + c.accountId() : c.accountName();
        return new CertificateDocument(c.certificateId().toString(), name, c.accountId().toString(),
                c.period().format(MONTH), grouped(c.pages()), grouped(c.priorPeriodPages()), c.priorPeriodPages() != 0,
                grouped(c.totalPages()), c.trees().toPlainString(), grouped(pagesPerTree), c.forestryProject(), c.seal(),
                grouped(c.depositCount()), c.issuedAt().atZone(ZoneOffset.UTC).format(DAY), verifyUrl);
    }

    /** The seal in two halves, so it fits a printed line. */
    public String sealFirstHalf() {
        return seal.substring(0, seal.length() / 2);
    }

    public String sealSecondHalf() {
        return seal.substring(seal.length() / 2);
    }

    static String grouped(long value) {
        return String.format(Locale.US, "%,d", value);
    }
}
