package io.canopy.e2e;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.canopy.contracts.arithmetic.Trees;

/** The demo's closing table: per account what the ledger holds, its health and its certificate. */
final class Summary {

    private Summary() {
    }

    /** Prints the table; returns the process exit code (0 = the ledger equals the ground truth). */
    static int print(DemoRun demo, List<DemoRun.Comparison> comparisons, YearMonth period, Path pdfs, PrintStream out)
            throws Exception {
        Files.createDirectories(pdfs);
        out.printf("%n%-34s %-13s %-10s %9s %8s %5s %5s %-9s %-38s %7s%n", "account", "vendor", "from", "pages", "trees",
                "dep.", "adj.", "health", "certificate " + period, "vs truth");
        out.println("-".repeat(151));
        long totalPages = 0;
        long totalDifference = 0;
        for (DemoRun.Comparison c : comparisons) {
            DemoRun.Feed feed = c.feed();
            JsonNode view = demo.feedView(feed);
            JsonNode certificate = demo.certificate(feed, period);
            String certificateId = certificate.path("id").asText("-");
            if (!certificate.isMissingNode()) {
                Files.write(pdfs.resolve(certificateId + ".pdf"), demo.certificatePdf(feed, certificateId));
            }
            out.printf("%-34s %-13s %-10s %,9d %8s %5d %5d %-9s %-38s %+7d%n", truncate(feed.accountName(), 34),
                    feed.serverType(), c.from(), c.ledgerPages(), Trees.standard().display(c.ledgerPages()), c.deposits(), c.adjustments(),
                    view.path("health_check").asText("-"), certificateId, c.difference());
            totalPages += c.ledgerPages();
            totalDifference += Math.abs(c.difference());
        }
        out.println("-".repeat(151));
        out.printf("%-59s %,9d %8s%n", "all accounts, " + demo.earliestComparedDay() + " .. " + demo.settledUntil().minusDays(1),
                totalPages, Trees.standard().display(totalPages));
        out.printf("%nLedger vs simulator ground truth (/_sim/truth), per account from its \"from\" day (the feed's "
                + "activation date; a current-counter feed activated before the first night: that night), service days "
                + "%s .. %s: difference %d pages%n", demo.earliestComparedDay(), demo.settledUntil().minusDays(1),
                totalDifference);
        out.println("(the last " + DemoRun.SETTLING_DAYS + " days are still open to late uploads; days that differ "
                + "while the total matches are missed nights spread over the gap)");
        for (DemoRun.Comparison c : comparisons) {
            if (!c.differingDays().isEmpty()) {
                out.printf("  %-22s %2d day(s) differ, total %+d%n", c.feed().accountName(), c.differingDays().size(),
                        c.difference());
            }
        }
        out.println("Certificates (PDF): " + pdfs);
        return totalDifference == 0 ? 0 : 2;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
